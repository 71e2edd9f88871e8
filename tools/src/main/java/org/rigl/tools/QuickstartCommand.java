package org.rigl.tools;

import org.rigl.core.flags.FlagChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.io.OutputStream;
import java.io.PrintStream;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.imagenet.mnist.IdxDataset;
import org.rigl.imagenet.mnist.MnistFlags;
import org.rigl.imagenet.mnist.MnistOutcome;
import org.rigl.imagenet.mnist.MnistRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rigl quickstart}: the reference's MNIST experiment on Fashion-MNIST, sparse vs dense. */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Sparse vs dense MNIST MLP on Fashion-MNIST in minutes: table, JSON and an HTML report.",
      "Trains the reference's MNIST 784-300-100-10 MLP on Fashion-MNIST (Debian's dataset-fashion-mnist)",
      "with RigL, SET, static sparse (layer sparsities 98%% / 88.2%% / dense, as mnist_train_eval.py) and a",
      "dense baseline, then prints test accuracy, sparsity, inference FLOPs relative to dense and weight counts,",
      "and writes OUTPUT_DIR/quickstart.json, OUTPUT_DIR/report.html (plots) and TensorBoard events per method."
    })
final class QuickstartCommand implements Callable<Integer> {
  @Option(names = "--output_dir", defaultValue = "runs/quickstart", description = "Where results go (default: ${DEFAULT-VALUE}).")
  Path outputDir;

  @Option(names = "--data_dir", description = "Folder with the Fashion-MNIST/MNIST IDX files (default: Debian's Fashion-MNIST, else the bundled subset).")
  Path dataDir;

  @Option(names = "--train_steps", defaultValue = "3000", description = "Steps per method, batch 100 (default: ${DEFAULT-VALUE}).")
  int trainSteps;

  @Option(names = "--methods", split = ",", defaultValue = "rigl,set,static,dense",
      description = "Methods to train, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> methods;

  @Option(names = "--train_examples", defaultValue = "60000", description = "Use the first N training images (default: ${DEFAULT-VALUE}).")
  int trainExamples;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of masks, weights and batch order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    for (String m : methods) {
      if (!List.of("rigl", "set", "static", "dense").contains(m)) {
        throw new IllegalArgumentException("--methods: '" + m + "' is not valid (valid: rigl, set, static, dense)");
      }
    }
    FlagChecks.positive("--train_examples", trainExamples);
    if (trainSteps <= 0) {
      throw new IllegalArgumentException("--train_steps must be positive, got " + trainSteps);
    }
    Path data = dataDir != null ? dataDir : FashionMnistLocator.find();
    OutputDirs.check(outputDir);
    IdxDataset train = IdxDataset.read(data, "train").head(trainExamples);
    IdxDataset test = IdxDataset.read(data, "t10k");
    OutputDirs.prepare(outputDir);
    System.err.printf("quickstart: %d training and %d test images from %s%n", train.size(), test.size(), data);

    List<MnistOutcome> results = new ArrayList<>();
    for (String method : methods) {
      MnistFlags flags = shortRun(method.equals("dense") ? "baseline" : method, outputDir.resolve(method), trainSteps, seed);
      MnistOutcome outcome = new MnistRun(flags, new PrintStream(OutputStream.nullOutputStream())).train(train, test);
      results.add(renamed(outcome, method));
    }
    System.out.println();
    System.out.printf("%-8s %10s %14s %12s %10s%n", "method", "sparsity", "test_accuracy", "flops_ratio", "params");
    for (MnistOutcome r : results) {
      System.out.printf("%-8s %9.2f%% %13.2f%% %12.3f %10d%n", r.method(), 100 * r.sparsity(), 100 * r.testAccuracy(),
          r.flopsRatio(), r.params());
    }
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < results.size(); i++) {
      MnistOutcome r = results.get(i);
      json.append(String.format(java.util.Locale.ROOT,
          "  {\"method\": \"%s\", \"sparsity\": %.6f, \"test_accuracy\": %.6f, \"flops_ratio\": %.6f, \"params\": %d}%s%n",
          r.method(), r.sparsity(), r.testAccuracy(), r.flopsRatio(), r.params(), i + 1 < results.size() ? "," : ""));
    }
    json.append("]\n");
    OutputDirs.writeAtomically(outputDir.resolve("quickstart.json"), json.toString());
    QuickstartReport.write(outputDir, results);
    System.out.println("wrote " + outputDir.resolve("quickstart.json") + " and " + outputDir.resolve("report.html")
        + " (TensorBoard: tensorboard --logdir " + outputDir + ")");
    return 0;
  }

  /**
   * mnist_train_eval.py's flags over a short run: mask updates end at 75% of the steps, ten
   * evaluations, summaries every step (so every drop fraction is logged).
   */
  static MnistFlags shortRun(String trainingMethod, java.nio.file.Path dir, long steps, long seed) {
    MnistFlags r = MnistFlags.reference(trainingMethod, dir);
    SparseTrainingConfig s = r.sparse();
    SparseTrainingConfig shortened =
        s.toBuilder().maskUpdates(s.maskupdateBeginStep(), (long) (steps * 0.75), s.maskupdateFrequency()).seed(seed).build();
    return new MnistFlags(r.batchSize(), r.learningRate(), r.momentum(), r.useNesterov(), r.numEpochs(), r.lrDropEpoch(),
        r.optimizer(), r.l2Scale(), r.sparsityScale(), shortened, steps, Math.max(1, steps / 10), dir, true, true,
        r.inputMaskPath(), r.maskRecordFrequency());
  }

  private static MnistOutcome renamed(MnistOutcome o, String method) {
    return new MnistOutcome(method, o.sparsity(), o.testAccuracy(), o.params(), o.flopsRatio(), o.imagesPerSecond(),
        o.accuracyCurve(), o.dropFractions(), o.layerSparsity(), o.firstMaskBefore(), o.firstMaskAfter());
  }
}
