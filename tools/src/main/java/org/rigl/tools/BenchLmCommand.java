package org.rigl.tools;

import org.rigl.core.flags.FlagChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.rigl.core.sparse.ComputeOptions;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;
import org.rigl.lm.data.ByteCorpus;
import org.rigl.lm.data.TrainBatches;
import org.rigl.lm.data.WikiTextSplit;
import org.rigl.lm.model.LmConfig;
import org.rigl.lm.train.LmTrainOptions;
import org.rigl.lm.train.LmSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rigl bench-lm}: training throughput (tokens/s) of the character GRU model, dense against
 * masked methods, measured side by side in one process (steps interleaved between methods, medians
 * over rounds) so that the ratios hold on a shared machine.
 */
@Command(
    name = "bench-lm",
    mixinStandardHelpOptions = true,
    description = {
      "Measures train-lm training throughput (tokens/s) for dense and masked methods,",
      "all methods live at once and taking their steps in turn, and prints medians and",
      "ratios to the first method. Graph building and --warmup_steps are not timed.",
      "With --write, appends the table to a markdown file such as BENCHMARKS.md."
    })
final class BenchLmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LmModelOptions model;

  @Option(names = "--data_dir", description = "WikiText-103 raw folder (default: a seeded synthetic byte corpus; content does not change speed).")
  Path dataDir;

  @Option(names = "--seq_len", defaultValue = "100", description = "Unrolled time steps (default: ${DEFAULT-VALUE}).")
  int seqLen;

  @Option(names = "--train_batch_size", defaultValue = "32", description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--steps", defaultValue = "20", description = "Timed steps per method and round (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup_steps", defaultValue = "3", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
  int warmupSteps;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds, each with fresh graphs (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--methods", split = ",", defaultValue = "baseline,rigl",
      description = "Training methods, the reference first (default: ${DEFAULT-VALUE}).")
  List<String> methods;

  @Mixin BenchComputeFlags compute;

  @Option(names = "--end_sparsity", defaultValue = "0.9", description = "Sparsity of the masked methods (default: ${DEFAULT-VALUE}).")
  double endSparsity;

  @Option(names = "--mask_init_method", defaultValue = "random", description = "Sparsity distribution (default: ${DEFAULT-VALUE}).")
  String maskInitMethod;

  @Option(names = "--maskupdate_frequency", defaultValue = "100", description = "Steps between mask updates (default: ${DEFAULT-VALUE}).")
  long maskupdateFrequency;

  @Option(names = "--write", description = "Append the results to this markdown file, e.g. BENCHMARKS.md.")
  Path write;

  /** The sessions' output folder while measuring. */
  private Path scratch = Path.of(".");

  @Override
  public Integer call() throws IOException {
    FlagChecks.positive("--steps", steps);
    FlagChecks.nonNegative("--warmup_steps", warmupSteps);
    FlagChecks.positive("--rounds", rounds);
    LmConfig config = model.fromFlags();
    // Methods whose layers change their counts of nonzeros (or have no masks) compute masked only.
    List<BenchComputeFlags.Row> runs = compute.rows(methods, m -> TrainingMethod.parse(m).isDynamic());
    List<String> labels = runs.stream().map(BenchComputeFlags.Row::label).toList();
    List<String> runMethods = runs.stream().map(BenchComputeFlags.Row::method).toList();
    List<ComputeOptions> computes = runs.stream().map(BenchComputeFlags.Row::compute).toList();
    // Every run's options, checked before the corpus is sized from them.
    for (int i = 0; i < labels.size(); i++) {
      options(config, runMethods.get(i), computes.get(i), 0);
    }
    ByteCorpus corpus = dataDir != null
        ? ByteCorpus.read(dataDir, WikiTextSplit.TRAIN)
        : synthetic((long) batchSize * seqLen * (steps + warmupSteps + 1) + 1);
    TrainBatches batches = new TrainBatches(corpus, batchSize, seqLen, 0);
    InterleavedBench bench = new InterleavedBench(labels, rounds);
    // A fresh session records its flags in its output folder: a scratch one, not the working directory.
    scratch = Files.createTempDirectory("rigl-bench-lm");
    try {
      for (int round = 0; round < rounds; round++) {
        double[] perRun = bench.round(round, steppers(config, runMethods, computes, batches, round), steps,
            (double) batchSize * seqLen);
        for (int i = 0; i < labels.size(); i++) {
          System.err.printf(Locale.ROOT, "round %d %-14s %.0f tokens/s%n", round + 1, labels.get(i), perRun[i]);
        }
      }
    } finally {
      try (var files = Files.walk(scratch)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    List<String> rows = bench.table("tokens/s");
    rows.forEach(System.out::println);
    if (write != null) {
      String header = String.format(Locale.ROOT,
          "%n## Character GRU LM training step, CPU (%d cores, %s)%n%nCommand: `%s`%n%nModel %s, batch %d x %d bytes, "
              + "masked methods at %.2f sparsity (%s). Per round every method's graph is live and the methods take "
              + "their %d timed steps in turn, after %d warm-up steps.%n%n",
          Runtime.getRuntime().availableProcessors(),
          compute.describeThreads(),
          InterleavedBench.commandLine(spec), config.describe(), batchSize,
          seqLen, endSparsity, maskInitMethod, steps, warmupSteps);
      InterleavedBench.append(write, header, rows);
    }
    return 0;
  }

  private LmTrainOptions options(LmConfig config, String method, ComputeOptions compute, int round) {
    SparseTrainingConfig sparse = SparseTrainingConfig.builder(TrainingMethod.parse(method)).endSparsity(endSparsity)
        .maskInitMethod(maskInitMethod).maskUpdates(0, 25000, maskupdateFrequency).seed(round).build();
    return new LmTrainOptions(Path.of("."), scratch, config, seqLen, batchSize, batchSize, steps + warmupSteps + 1,
        0.001, 5.0, 1000, 0, 0, 100, WikiTextSplit.VALID, 0, sparse, compute);
  }

  /** Every method's session, started fresh and warmed up; each timed step takes the next batch. */
  private List<InterleavedBench.Stepper> steppers(LmConfig config, List<String> runMethods,
      List<ComputeOptions> computes, TrainBatches batches, int round) {
    List<InterleavedBench.Stepper> steppers = new ArrayList<>();
    try {
      for (int i = 0; i < runMethods.size(); i++) {
        LmSession s = new LmSession(options(config, runMethods.get(i), computes.get(i), round), null, batches);
        steppers.add(new InterleavedBench.Stepper() {
          @Override
          public void step() {
            s.step(false);
          }

          @Override
          public void close() {
            s.close();
          }
        });
        s.initialiseFresh();
        s.started();
        for (int w = 0; w < warmupSteps; w++) {
          steppers.get(steppers.size() - 1).step();
        }
      }
      return steppers;
    } catch (RuntimeException e) {
      steppers.forEach(InterleavedBench.Stepper::close);
      throw e;
    }
  }

  /** Seeded printable bytes with newlines: text-like for the byte model, any length. */
  private static ByteCorpus synthetic(long n) {
    byte[] bytes = new byte[Math.toIntExact(Math.max(n, 1 << 20))];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = random.nextInt(60) == 0 ? (byte) '\n' : (byte) (32 + random.nextInt(95));
    }
    return new ByteCorpus("synthetic", bytes);
  }
}
