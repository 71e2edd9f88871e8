package org.rigl.imagenet.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rigl.core.checkpoint.CheckpointState;
import org.rigl.core.io.BundleIndexReader;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.imagenet.EventScalars;

/** The files a train-mnist run leaves in save_path, named as mnist_train_eval.py names them. */
class MnistRunTest {
  private static final List<String> LAYERS = List.of("layer1", "layer2", "layer3");

  @TempDir Path dir;

  /** The reference's flags over two epochs of 100 images in batches of 20 (10 steps). */
  private static MnistFlags twoEpochs(String method, String optimizer, Path savePath) {
    MnistFlags r = MnistFlags.reference(method, savePath);
    return new MnistFlags(20, r.learningRate(), r.momentum(), r.useNesterov(), 2, r.lrDropEpoch(), optimizer, r.l2Scale(),
        r.sparsityScale(), r.sparse(), 0, 0, savePath, true, false, "", 0, r.compute());
  }

  /** Trains and returns what it printed, one line each. */
  private static List<String> train(MnistFlags flags) throws IOException {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    new MnistRun(flags, new PrintStream(console, true, StandardCharsets.UTF_8)).train(BandImages.bands(100, 1), BandImages.bands(50, 2));
    return console.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void hyperParamsStringSpellsFloatsAsPython() {
    assertEquals("fc_100_0.2_0.9_momentum_0.0001_rigl_2000_30000_0.98_500_0",
        MnistFlags.reference("rigl", dir).hyperParamsString());
    MnistFlags r = MnistFlags.reference("prune", dir);
    SparseTrainingConfig s = r.sparse();
    SparseTrainingConfig custom = s.toBuilder().endSparsity(0.5).pruning(10, 90, 5).seed(7).build();
    MnistFlags flags = new MnistFlags(64, 1e-5, 0.95, true, 1, 75, "adam", 0, 0.9, custom, 0, 0, dir, true, false, "", 0, r.compute());
    assertEquals("fc_64_1e-05_0.95_adam_0.0_prune_10_90_0.5_5_7", flags.hyperParamsString());
  }

  @Test
  void baselineIsPlainDenseLayersAndLogsEpochLinesToItsFile() throws IOException {
    List<String> printed = train(twoEpochs("baseline", "momentum", dir));

    List<String> expected = new ArrayList<>(List.of("global_step", "input/batches_consumed"));
    for (String layer : LAYERS) {
      expected.addAll(List.of(layer + "/bias", layer + "/bias/Momentum", layer + "/kernel", layer + "/kernel/Momentum"));
    }
    assertEquals(sorted(expected), checkpointNames());
    assertSingleModelCkpt();

    // The dense branch prints its header before it opens the log file, which gets the epoch lines only.
    assertEquals(ScriptLog.DENSE_HEADER, printed.get(0));
    assertEquals(3, printed.size(), String.join("\n", printed));
    assertTrue(printed.get(1).matches("0, \\d+\\.\\d{4}, \\d+\\.\\d{4}, [01]\\.\\d{4}"), printed.get(1));
    assertTrue(printed.get(2).matches("1, \\d+\\.\\d{4}, \\d+\\.\\d{4}, [01]\\.\\d{4}"), printed.get(2));
    assertEquals(printed.subList(1, 3), logFile("fc_20_0.2_0.9_momentum_0.0001_baseline_2000_30000_0.98_500_0.txt"));

    // Summaries at the 0-based iteration ending each epoch; no masks, so sparsity is the reference's 1 - 0/0.
    Map<String, Map<Long, Double>> events = scalars();
    assertEquals(List.of("global_sparsity", "test_accuracy"), List.copyOf(events.keySet()));
    assertEquals(List.of(4L, 9L), List.copyOf(events.get("test_accuracy").keySet()));
    assertEquals(Double.parseDouble(printed.get(2).split(", ")[3]), events.get("test_accuracy").get(9L), 5e-5);
    assertTrue(events.get("global_sparsity").values().stream().allMatch(v -> v.isNaN()), events.toString());
  }

  @Test
  void riglHasMaskedLayersAndLogsEveryLineToItsFile() throws IOException {
    List<String> printed = train(twoEpochs("rigl", "momentum", dir));

    List<String> expected = new ArrayList<>(List.of("global_step", "input/batches_consumed", "last_mask_update_step"));
    for (String layer : LAYERS) {
      for (String variable : new String[] {"biases", "biases/Momentum", "mask", "threshold", "weights", "weights/Momentum"}) {
        expected.add(layer + "/" + variable);
      }
    }
    assertEquals(sorted(expected), checkpointNames());
    assertSingleModelCkpt();

    // Header, then per epoch its line and the compressed-shape report, all in the log file too.
    assertEquals(5, printed.size(), String.join("\n", printed));
    assertEquals(ScriptLog.MASKED_HEADER, printed.get(0));
    assertTrue(printed.get(1).startsWith("0, 4, "), printed.get(1));
    assertTrue(printed.get(2).startsWith("[COMPRESSED SPARSITIES/SHAPE]: ["), printed.get(2));
    assertTrue(printed.get(3).startsWith("1, 9, "), printed.get(3));
    assertEquals(printed, logFile("fc_20_0.2_0.9_momentum_0.0001_rigl_2000_30000_0.98_500_0.txt"));

    Map<String, Map<Long, Double>> events = scalars();
    // Training curves (loss, drop_fraction, ...) come every 100 steps: none in 10.
    assertEquals(List.of("global_sparsity", "sparsity/layer1/mask_0", "sparsity/layer2/mask_0", "sparsity/layer3/mask_0",
        "test_accuracy"), List.copyOf(events.keySet()));
    String[] last = printed.get(3).split(", ");
    assertEquals(Double.parseDouble(last[4]), events.get("global_sparsity").get(9L), 5e-5);
    assertEquals(0.98, events.get("sparsity/layer1/mask_0").get(9L), 5e-5);
    assertEquals(0.882, events.get("sparsity/layer2/mask_0").get(9L), 5e-5);
    assertEquals(0.0, events.get("sparsity/layer3/mask_0").get(9L));
  }

  /** Every method's own state is saved, as tf.train.Saver() saves every global variable. */
  @ParameterizedTest
  @CsvSource({
    "scratch, momentum, ''",
    "set, momentum, last_mask_update_step",
    "static, momentum, last_mask_update_step",
    "momentum, momentum, last_mask_update_step layer1/masked_weight_grad/ExponentialMovingAverage"
        + " layer2/masked_weight_grad/ExponentialMovingAverage layer3/masked_weight_grad/ExponentialMovingAverage",
    "snip, momentum, is_snipped",
    "prune, momentum, model_pruning/last_mask_update_step",
    "scratch, sgd, ''",
    "scratch, adam, beta1_power beta2_power",
  })
  void checkpointHoldsEveryGlobalVariable(String method, String optimizer, String methodState) throws IOException {
    train(twoEpochs(method, optimizer, dir));
    List<String> expected = new ArrayList<>(List.of("global_step", "input/batches_consumed"));
    if (!methodState.isEmpty()) {
      expected.addAll(List.of(methodState.split(" ")));
    }
    List<String> slots = switch (optimizer) {
      case "momentum" -> List.of("Momentum");
      case "adam" -> List.of("Adam", "Adam_1");
      default -> List.of();
    };
    for (String layer : LAYERS) {
      expected.addAll(List.of(layer + "/mask", layer + "/threshold"));
      for (String trained : new String[] {layer + "/weights", layer + "/biases"}) {
        expected.add(trained);
        slots.forEach(slot -> expected.add(trained + "/" + slot));
      }
    }
    assertEquals(sorted(expected), checkpointNames(), method + " with " + optimizer);
  }

  @Test
  void theLogFileHoldsEachLineOnceItIsPrinted() throws IOException {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    MnistFlags flags = MnistFlags.reference("rigl", dir);
    try (RunLog log = RunLog.create(new PrintStream(console, true, StandardCharsets.UTF_8), dir, flags)) {
      log.consoleOnly("header");
      log.line("0, 1.0");
      assertEquals(List.of("0, 1.0"), logFile(flags.hyperParamsString() + ".txt"), "flushed before the run ends");
    }
    assertEquals("header\n0, 1.0\n", console.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }

  private List<String> checkpointNames() throws IOException {
    return sorted(BundleIndexReader.read(dir.resolve("model.ckpt")).names());
  }

  /** {@code model.ckpt.{index,data-00000-of-00001}} and a state file naming it, nothing with a step suffix. */
  private void assertSingleModelCkpt() throws IOException {
    CheckpointState state = CheckpointState.read(dir).orElseThrow();
    assertEquals(new CheckpointState("model.ckpt", List.of("model.ckpt")), state);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("model.ckpt.data-00000-of-00001", "model.ckpt.index"),
          files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("model.ckpt")).sorted().toList());
    }
  }

  private List<String> logFile(String name) throws IOException {
    return Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8);
  }

  /** tag → step → value of every scalar in the events files of {@code dir}. */
  private Map<String, Map<Long, Double>> scalars() throws IOException {
    return EventScalars.read(dir);
  }

  private static List<String> sorted(List<String> names) {
    return names.stream().sorted().toList();
  }
}
