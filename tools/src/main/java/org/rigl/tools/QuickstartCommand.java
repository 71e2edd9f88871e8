package org.rigl.tools;

import org.rigl.core.io.DurableFiles;
import org.rigl.core.flags.FlagChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
      "Sparse vs dense MNIST MLP on Fashion-MNIST in minutes, over seeds: table, JSON and an HTML report.",
      "Trains the reference's MNIST 784-300-100-10 MLP on Fashion-MNIST (Debian's dataset-fashion-mnist)",
      "with RigL, SET, static sparse, a fixed random mask (scratch; layer sparsities 98%% / 88.2%% / dense, as",
      "mnist_train_eval.py) and a dense baseline, each over --seeds seeds, then prints test accuracy (mean and",
      "standard deviation over the seeds), the live units per layer (the script's compressed shape), sparsity,",
      "inference FLOPs relative to dense and weight counts, and two sentences on what the numbers show; writes",
      "OUTPUT_DIR/quickstart.json, OUTPUT_DIR/report.html (plots) and TensorBoard events per method and seed."
    })
final class QuickstartCommand implements Callable<Integer> {
  static final List<String> METHODS = List.of("rigl", "set", "static", "scratch", "dense");

  @Option(names = "--output_dir", defaultValue = "runs/quickstart", description = "Where results go (default: ${DEFAULT-VALUE}).")
  Path outputDir;

  @Option(names = "--data_dir", description = "Folder with the Fashion-MNIST/MNIST IDX files (default: Debian's Fashion-MNIST, else the bundled subset).")
  Path dataDir;

  @Option(names = "--train_steps", defaultValue = "3000", description = "Steps per method and seed, batch 100 (default: ${DEFAULT-VALUE}).")
  int trainSteps;

  @Option(names = "--methods", split = ",", defaultValue = "rigl,set,static,scratch,dense",
      description = "Methods to train, comma-separated: rigl, set, static, scratch, dense (default: ${DEFAULT-VALUE}).")
  List<String> methods;

  @Option(names = "--train_examples", defaultValue = "60000", description = "Use the first N training images (default: ${DEFAULT-VALUE}).")
  int trainExamples;

  @Option(names = "--seed", defaultValue = "0", description = "First seed of masks, weights and batch order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--seeds", defaultValue = "3",
      description = "Seeds per method, --seed, --seed+1, ...; accuracy is reported as their mean and spread (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Override
  public Integer call() throws IOException {
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("--methods: '" + m + "' is not valid (valid: " + String.join(", ", METHODS) + ")");
      }
    }
    FlagChecks.positive("--train_examples", trainExamples);
    if (trainSteps <= 0) {
      throw new IllegalArgumentException("--train_steps must be positive, got " + trainSteps);
    }
    if (seeds <= 0) {
      throw new IllegalArgumentException("--seeds must be positive, got " + seeds);
    }
    Path data = dataDir != null ? dataDir : FashionMnistLocator.find();
    OutputDirs.check(outputDir);
    IdxDataset train = IdxDataset.read(data, "train").head(trainExamples);
    IdxDataset test = IdxDataset.read(data, "t10k");
    OutputDirs.prepare(outputDir);
    System.err.printf("quickstart: %d training and %d test images from %s, %d seed(s)%n", train.size(), test.size(), data, seeds);

    List<MethodSeeds> results = new ArrayList<>();
    for (String method : methods) {
      List<MnistOutcome> runs = new ArrayList<>();
      for (long s = seed; s < seed + seeds; s++) {
        MnistFlags flags = shortRun(method.equals("dense") ? "baseline" : method, runDir(outputDir, method, s), trainSteps, s);
        runs.add(new MnistRun(flags, new PrintStream(OutputStream.nullOutputStream())).train(train, test).named(method));
      }
      results.add(new MethodSeeds(method, runs));
    }
    List<String> findings = QuickstartFindings.of(results);
    System.out.println();
    System.out.print(table(results));
    System.out.println();
    findings.forEach(System.out::println);
    DurableFiles.writeAtomically(outputDir.resolve("quickstart.json"), json(results));
    QuickstartReport.write(outputDir, results, findings);
    System.out.println("wrote " + outputDir.resolve("quickstart.json") + " and " + outputDir.resolve("report.html")
        + " (TensorBoard: tensorboard --logdir " + outputDir + ")");
    return 0;
  }

  /** A run's folder: {@code OUTPUT_DIR/<method>/seed_<seed>}, so TensorBoard groups the seeds under their method. */
  static Path runDir(Path outputDir, String method, long seed) {
    return outputDir.resolve(method).resolve("seed_" + seed);
  }

  /** The printed table: accuracy as mean +- standard deviation over the seeds, live units as mean per layer. */
  static String table(List<MethodSeeds> results) {
    StringBuilder out = new StringBuilder(String.format("%-8s %9s %22s %20s %12s %10s%n", "method", "sparsity",
        "test_accuracy (seeds)", "live_units", "flops_ratio", "params"));
    for (MethodSeeds m : results) {
      MnistOutcome r = m.first();
      SeedSpread a = m.accuracy();
      out.append(String.format(Locale.ROOT, "%-8s %8.2f%% %22s %20s %12.3f %10d%n", m.method(), 100 * r.sparsity(),
          String.format(Locale.ROOT, "%.2f%% +- %.2f (%d)", 100 * a.mean(), 100 * a.std(), a.seeds()),
          m.liveUnitsText(), r.flopsRatio(), r.params()));
    }
    return out.toString();
  }

  /** {@code quickstart.json}: one object per method, one line each. */
  static String json(List<MethodSeeds> results) {
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < results.size(); i++) {
      MethodSeeds m = results.get(i);
      MnistOutcome r = m.first();
      SeedSpread a = m.accuracy();
      String seedAccuracies = m.runs().stream().map(o -> String.format(Locale.ROOT, "%.6f", o.testAccuracy()))
          .collect(Collectors.joining(", ", "[", "]"));
      String liveUnits = m.liveUnits().stream().map(u -> String.format(Locale.ROOT, "%.2f", u))
          .collect(Collectors.joining(", ", "[", "]"));
      json.append(String.format(Locale.ROOT,
          "  {\"method\": \"%s\", \"sparsity\": %.6f, \"test_accuracy\": %.6f, \"test_accuracy_std\": %.6f, \"seeds\": %d, "
              + "\"seed_accuracies\": %s, \"live_units\": %s, \"flops_ratio\": %.6f, \"params\": %d}%s%n",
          m.method(), r.sparsity(), a.mean(), a.std(), a.seeds(), seedAccuracies, liveUnits, r.flopsRatio(), r.params(),
          i + 1 < results.size() ? "," : ""));
    }
    return json.append("]\n").toString();
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
        r.inputMaskPath(), r.maskRecordFrequency(), r.compute());
  }
}
