package org.rigl.tools;

import org.rigl.core.flags.FlagChecks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rigl.core.train.TowerDevices;
import org.rigl.imagenet.train.ImageNetSettings;
import org.rigl.imagenet.train.ImageTrainingSteps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rigl bench-image}: {@code train-image}'s training step (the same graph: input pipeline,
 * towers, every method's mask update) timed for several methods side by side, in images/s.
 */
@Command(
    name = "bench-image",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures train-image training throughput (images/s) for dense and sparse methods side by side.",
      "Every method's graph is live at once and the methods take their timed steps in turn (graph building",
      "and --warmup_steps untimed); prints medians over rounds and per-round ratios to the first method.",
      "Takes every train-image flag (model, --image_size, --train_batch_size, --num_towers, --data_directory;",
      "synthetic images by default, as the reference). Sparse methods without --mask_init_method use",
      "erdos_renyi_kernel. With --write, appends the table to a markdown file such as BENCHMARKS.md.",
      "Example: ./rigl bench-image --resnet_depth=50 --image_size=224 --train_batch_size=16 --steps=5"
    })
final class BenchImageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--methods", split = ",", defaultValue = "baseline,rigl,set,static",
      description = "Training methods, the reference first (default: ${DEFAULT-VALUE}).")
  List<String> methods;

  @Option(names = "--steps", defaultValue = "5", description = "Timed steps per method and round (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup_steps", defaultValue = "2", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
  int warmupSteps;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds, each with fresh graphs (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--write", description = "Append the results to this markdown file, e.g. BENCHMARKS.md.")
  java.nio.file.Path write;

  @Mixin ImageNetFlags flags;

  @Override
  public Integer call() throws IOException {
    FlagChecks.positive("--steps", steps);
    FlagChecks.nonNegative("--warmup_steps", warmupSteps);
    FlagChecks.positive("--rounds", rounds);
    List<ImageNetSettings> perMethod = new ArrayList<>();
    for (String m : methods) {
      perMethod.add(flagsFor(m).toSettings());
    }
    InterleavedBench bench = new InterleavedBench(methods, rounds);
    int towers = 1;
    int batchSize = flags.trainBatchSize;
    for (int round = 0; round < rounds; round++) {
      List<InterleavedBench.Stepper> steppers = new ArrayList<>();
      try {
        for (ImageNetSettings f : perMethod) {
          f.seed = round;
          ImageTrainingSteps s = new ImageTrainingSteps(f);
          steppers.add(stepper(s));
          towers = s.towers();
          batchSize = s.batchSize();
          for (int i = 0; i < warmupSteps; i++) {
            s.step();
          }
        }
      } catch (IOException | RuntimeException e) {
        steppers.forEach(InterleavedBench.Stepper::close);
        throw e;
      }
      double[] rates = bench.round(round, steppers, steps, batchSize);
      for (int i = 0; i < methods.size(); i++) {
        System.err.printf(Locale.ROOT, "round %d %-9s %.1f images/s%n", round + 1, methods.get(i), rates[i]);
      }
    }
    List<String> rows = bench.table("images/s");
    rows.forEach(System.out::println);
    if (write != null) {
      int gpus = TowerDevices.visibleGpus();
      String machine = gpus > 0
          ? String.format(Locale.ROOT, "%d GPU(s) visible", gpus)
          : String.format(Locale.ROOT, "CPU (%d cores)", Runtime.getRuntime().availableProcessors());
      String header = String.format(Locale.ROOT,
          "%n## Image classifier training step (train-image), %s%n%nCommand: `%s`%n%n"
              + "Model %s, %dx%d %s images, batch %d over %d tower(s); sparse methods at %.2f sparsity (%s), mask "
              + "updates every %d steps. Per round every method's graph is live and the methods take their %d timed "
              + "steps in turn, after %d warm-up steps.%n%n",
          machine, InterleavedBench.commandLine(spec), model(flags),
          flags.imageSize, flags.imageSize, flags.dataDirectory == null ? "synthetic" : "TFRecord", flags.trainBatchSize,
          towers, flags.sparse.endSparsity, perMethod.get(perMethod.size() - 1).sparse.maskInitMethod(),
          flags.sparse.maskupdateFrequency, steps, warmupSteps);
      InterleavedBench.append(write, header, rows);
    }
    return 0;
  }

  /**
   * This command's flags again with {@code --training_method=method} (and ERK masks unless a
   * distribution was given): parsed afresh so each method has its own flags object.
   */
  private ImageNetFlags flagsFor(String method) {
    List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    int at = args.indexOf(spec.name());
    args = new ArrayList<>(args.subList(at + 1, args.size()));
    if (flags.sparse.maskInitMethod.isEmpty()) {
      args.add("--mask_init_method=erdos_renyi_kernel");
    }
    args.add("--training_method=" + method);
    BenchImageCommand copy = new BenchImageCommand();
    new CommandLine(copy).setOverwrittenOptionsAllowed(true).parseArgs(args.toArray(new String[0]));
    return copy.flags;
  }

  private static String model(ImageNetFlags f) {
    String width = f.width > 0 && f.width != 1 ? " width " + f.width : "";
    return (f.modelArchitecture.equals("resnet") ? "ResNet-" + f.resnetDepth : f.modelArchitecture) + width;
  }

  private static InterleavedBench.Stepper stepper(ImageTrainingSteps s) {
    return new InterleavedBench.Stepper() {
      @Override
      public void step() {
        s.step();
      }

      @Override
      public void close() {
        s.close();
      }
    };
  }
}
