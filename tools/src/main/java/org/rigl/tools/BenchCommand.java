package org.rigl.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rigl.core.flags.FlagChecks;
import org.rigl.core.sparse.ComputeOptions;
import org.rigl.core.update.TrainingMethod;
import org.rigl.imagenet.mnist.IdxDataset;
import org.rigl.imagenet.mnist.MnistFlags;
import org.rigl.imagenet.mnist.MnistRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rigl bench}: training-step throughput of the MNIST MLP, dense against each sparse method,
 * measured side by side in one process (methods interleaved over rounds, medians reported) so that
 * the ratios hold on a noisy machine.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Training throughput, dense vs sparse, side by side (writes BENCHMARKS.md).",
      "Measures training throughput (images/s, batch 100) of the MNIST 784-300-100-10 MLP for dense and",
      "sparse methods on Fashion-MNIST, interleaving methods over rounds, and prints medians and ratios",
      "to dense. With --write, appends the table to BENCHMARKS.md."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data_dir", description = "Folder with the IDX files (default: Debian's Fashion-MNIST, else the bundled subset).")
  Path dataDir;

  @Option(names = "--steps", defaultValue = "1000", description = "Training steps per measurement (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--rounds", defaultValue = "3", description = "Interleaved rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--methods", split = ",", defaultValue = "dense,rigl,set,static",
      description = "Methods, dense first (default: ${DEFAULT-VALUE}).")
  List<String> methods;

  @Mixin BenchComputeFlags compute;

  @Option(names = "--write", description = "Append the results to this markdown file, e.g. BENCHMARKS.md.")
  Path write;

  @Override
  public Integer call() throws IOException {
    FlagChecks.positive("--steps", steps);
    FlagChecks.positive("--rounds", rounds);
    Path data = dataDir != null ? dataDir : FashionMnistLocator.find();
    IdxDataset train = IdxDataset.read(data, "train");
    IdxDataset test = IdxDataset.read(data, "t10k").head(1000);
    List<BenchComputeFlags.Row> runs =
        compute.rows(methods, m -> !m.equals("dense") && TrainingMethod.parse(m).isDynamic());
    List<String> labels = runs.stream().map(BenchComputeFlags.Row::label).toList();
    InterleavedBench bench = new InterleavedBench(labels, rounds);
    for (int round = 0; round < rounds; round++) {
      double[] perMethod = new double[labels.size()];
      for (int i = 0; i < labels.size(); i++) {
        String m = runs.get(i).method();
        Path scratch = Files.createTempDirectory("rigl-bench");
        MnistFlags flags = QuickstartCommand.shortRun(m.equals("dense") ? "baseline" : m, scratch, steps, round);
        perMethod[i] = new MnistRun(noSummaries(flags, runs.get(i).compute()), new PrintStream(OutputStream.nullOutputStream()))
            .train(train, test).imagesPerSecond();
        try (var files = Files.walk(scratch)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      bench.record(round, perMethod);
    }
    List<String> rows = bench.table("images/s");
    System.out.println();
    rows.forEach(System.out::println);
    if (write != null) {
      String header = String.format(Locale.ROOT, "%n## MNIST MLP training step, CPU (%d cores, %s)%n%nCommand: `%s`%n%n",
          Runtime.getRuntime().availableProcessors(),
          compute.describeThreads(),
          InterleavedBench.commandLine(spec));
      InterleavedBench.append(write, header, rows);
    }
    return 0;
  }

  /** Timing runs write summaries every 100 steps and no checkpoint, like a long training run. */
  private static MnistFlags noSummaries(MnistFlags f, ComputeOptions compute) {
    return new MnistFlags(f.batchSize(), f.learningRate(), f.momentum(), f.useNesterov(), f.numEpochs(), f.lrDropEpoch(),
        f.optimizer(), f.l2Scale(), f.sparsityScale(), f.sparse(), f.trainSteps(), f.trainSteps(), f.savePath(), false, false,
        f.inputMaskPath(), f.maskRecordFrequency(), compute);
  }
}
