package org.rigl.imagenet.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.checkpoint.CheckpointState;
import org.rigl.core.io.BundleDataReader;
import org.rigl.imagenet.EventScalars;
import org.rigl.core.io.BundleIndexReader;
import org.rigl.core.io.CheckpointIndex;
import org.rigl.core.io.TensorEntry;
import org.rigl.core.sparsity.SparsityCounts;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;
import org.rigl.imagenet.train.EvalResults;
import org.rigl.imagenet.train.ImageClassifierRun;
import org.tensorflow.proto.DataType;

/** train-cifar end to end: a narrow WRN-10-1 on a small learnable CIFAR-10 written here. */
class CifarRunTest {
  @TempDir static Path data;

  @BeforeAll
  static void writeData() {
    ColouredCifar.write(data, 64, 200);
  }

  /** A WRN-10-1 at 80% sparsity on the coloured images; {@code change} adjusts it. */
  private static CifarSettings flags(Path trainDir, Consumer<CifarSettings> change) {
    CifarSettings f = new CifarSettings();
    f.dataDirectory = data;
    f.trainDir = trainDir;
    f.resnetDepth = 10;
    f.resnetWidth = 1;
    f.batchSize = 32;
    f.checkpointSteps = 20;
    f.summariesSteps = 10;
    f.shuffleBuffer = 320;
    sparse(f, s -> s.endSparsity(0.8));
    change.accept(f);
    return f;
  }

  private static ImageClassifierRun runOf(CifarSettings settings, PrintStream log) {
    return new ImageClassifierRun(new CifarTask(CifarSetup.of(settings)), log);
  }

  /** Changes the sparse-training flags of {@code f}. */
  private static void sparse(CifarSettings f, UnaryOperator<SparseTrainingConfig.Builder> change) {
    f.sparse = change.apply(f.sparse.toBuilder()).build();
  }

  /** A run of {@code method} with no folder stub, for {@code maxSteps} steps. */
  private static CifarSettings run(Path trainDir, TrainingMethod method, long maxSteps) {
    return flags(trainDir, f -> {
      sparse(f, s -> s.method(method));
      f.maxSteps = maxSteps;
      f.useFolderStub = false;
    });
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream());
  }

  @Test
  void rigLTrainsResumesAndEvaluatesWithExactMaskCounts(@TempDir Path out) throws IOException {
    Consumer<CifarSettings> rigl = f -> sparse(f, s -> s.method(TrainingMethod.RIGL).maskUpdates(0, 40, 10));
    ImageClassifierRun first = runOf(flags(out, rigl.andThen(f -> f.maxSteps = 30)), quiet());
    Path dir = first.outputDir();
    assertEquals(out.resolve(Path.of("rigl", "0.8", "0", "40", "10")), dir);
    first.run();
    // The Estimator's CheckpointSaverHook: the starting state, every checkpoint_steps, the last step.
    assertEquals(new CheckpointState("model.ckpt-30", List.of("model.ckpt-0", "model.ckpt-20", "model.ckpt-30")),
        CheckpointState.read(dir).orElseThrow());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    runOf(flags(out, rigl.andThen(f -> f.maxSteps = 60)), new PrintStream(log)).run();
    assertTrue(log.toString().contains("Resuming from"), log.toString());

    EvalResults results = runOf(flags(out, rigl.andThen(f -> {
          f.maxSteps = 60;
          f.mode = "eval";
        })), quiet())
        .run().orElseThrow();
    assertEquals(60, results.globalStep());
    assertTrue(results.top1() > 0.5, "top-1 " + results.top1() + " (chance 0.1)");
    JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("eval_results.json"))).getAsJsonObject();
    assertEquals(60, json.get("global_step").getAsLong());
    assertEquals(results.top1(), json.get("eval_accuracy").getAsDouble(), 1e-12);
    assertTrue(json.get("loss").getAsDouble() > 0);
    assertTrue(json.has("class_level_summaries/recall/airplane") && json.has("class_level_summaries/precision/truck"));
    assertEquals(wrnCheckpointNames(true, "last_mask_update_step"), checkpointNames(dir.resolve("model.ckpt-60")));
    assertTrainingTags(dir, true, "drop_fraction");
    // Estimator.evaluate(name='eval'): every metric at the checkpoint's step in eval_eval/.
    Map<String, Map<Long, Double>> evalScalars = EventScalars.read(dir.resolve("eval_eval"));
    List<String> evalTags = new ArrayList<>(List.of("eval_accuracy", "loss"));
    for (String c : ClassLevelMetrics.CLASSES) {
      evalTags.addAll(List.of("class_level_summaries/precision/" + c, "class_level_summaries/recall/" + c));
    }
    assertEquals(sorted(evalTags), List.copyOf(evalScalars.keySet()));
    assertEquals(results.top1(), evalScalars.get("eval_accuracy").get(60L), 1e-6);
    assertEquals(json.get("loss").getAsDouble(), evalScalars.get("loss").get(60L), 1e-5);
    JsonObject sparsity = json.getAsJsonObject("sparsity");
    // conv_1 is dense (--prune_first_layer=false); logits is masked (--prune_last_layer=true).
    assertFalse(sparsity.has("resnet_model/conv_1/mask"));
    assertTrue(sparsity.has("resnet_model/logits/mask"));

    // Every mask keeps exactly n - zeros(n, 0.8) ones through the RigL updates.
    // 3 groups x 2 convs, projections for conv_3 and conv_4 (width 1 keeps conv_2 at 16 channels), logits.
    assertEquals(sparsity.size(), assertExactMaskCounts(dir.resolve("model.ckpt-60"), 0.8, 40));

    // scratch trains on the masks of --load_mask_dir (kept fixed) from --initial_value_checkpoint's weights.
    Path scratchOut = out.resolve("scratch_run");
    CifarSettings scratchFlags = run(scratchOut, TrainingMethod.SCRATCH, 2);
    sparse(scratchFlags, s -> s.loadMaskDir(dir.toString()));
    scratchFlags.initialValueCheckpoint = dir.resolve("model.ckpt-60").toString();
    ImageClassifierRun scratch = runOf(scratchFlags, quiet());
    scratch.run();
    try (BundleDataReader source = BundleDataReader.open(dir.resolve("model.ckpt-60"));
        BundleDataReader copy = BundleDataReader.open(scratchOut.resolve("model.ckpt-2"))) {
      String mask = "resnet_model/conv_3_0_1/mask";
      assertArrayEquals(source.readFloats(mask), copy.readFloats(mask));
      assertEquals(2L, copy.readLong("global_step"));
    }
  }

  /** WRN-10-1's layers a sparse method masks: all but conv_1 (width 1 keeps conv_2 at 16 channels: no skip_conv_2). */
  private static final List<String> MASKABLE_LAYERS = List.of("conv_2_0_1", "conv_2_0_2", "skip_conv_3", "conv_3_0_1",
      "conv_3_0_2", "skip_conv_4", "conv_4_0_1", "conv_4_0_2", "logits");

  /** Every mask holds exactly n - zeros(n, s) ones; returns how many masks (WRN-10-1: 9). */
  private static int assertExactMaskCounts(Path checkpoint, double s, long lastUpdate) throws IOException {
    try (BundleDataReader ckpt = BundleDataReader.open(checkpoint)) {
      int masks = 0;
      for (TensorEntry e : ckpt.index().entries()) {
        if (e.name().endsWith("/mask")) {
          float[] mask = ckpt.readFloats(e.name());
          assertEquals(mask.length - SparsityCounts.nZeros(mask.length, s), ones(mask), e.name());
          masks++;
        }
      }
      assertEquals(9, masks);
      assertEquals(lastUpdate, ckpt.readLong("last_mask_update_step"));
      return masks;
    }
  }

  @Test
  void baselineBuildsPlainLayersAsTheScriptDoes(@TempDir Path out) throws IOException {
    runOf(run(out, TrainingMethod.BASELINE, 2), quiet()).run();
    Path checkpoint = out.resolve("model.ckpt-2");
    assertEquals(wrnCheckpointNames(false), checkpointNames(checkpoint));
    CheckpointIndex index = BundleIndexReader.read(checkpoint);
    assertEntry(index, "global_step", DataType.DT_INT64);
    assertEntry(index, "resnet_model/conv_1/conv_1/weights", DataType.DT_FLOAT, 3, 3, 3, 16);
    assertEntry(index, "resnet_model/skip_conv_3/skip_conv_3/weights/Momentum", DataType.DT_FLOAT, 1, 1, 16, 32);
    assertEntry(index, "resnet_model/logits/logits/weights", DataType.DT_FLOAT, 64, 10);
    assertEntry(index, "resnet_model/batch_normalization_6/moving_variance", DataType.DT_FLOAT, 64);
    assertEquals(List.of("model.ckpt-0", "model.ckpt-2"), CheckpointState.read(out).orElseThrow().all());
    assertTrainingTags(out, false);
  }

  @Test
  void sparseCheckpointsHoldMasksThresholdsAndTheMethodsStep(@TempDir Path out) throws IOException {
    runOf(run(out, TrainingMethod.SET, 2), quiet()).run();
    CheckpointIndex index = BundleIndexReader.read(out.resolve("model.ckpt-2"));
    assertEquals(wrnCheckpointNames(true, "last_mask_update_step"), sorted(index.names()));
    assertEntry(index, "last_mask_update_step", DataType.DT_INT64);
    assertEntry(index, "resnet_model/skip_conv_3/mask", DataType.DT_FLOAT, 1, 1, 16, 32);
    assertEntry(index, "resnet_model/conv_4_0_2/threshold", DataType.DT_FLOAT);
    assertEntry(index, "resnet_model/logits/biases/Momentum", DataType.DT_FLOAT, 10);
  }

  /**
   * Every variable of a WRN-10-1 checkpoint under Nesterov momentum. Masked layers are contrib's,
   * directly in the layer scope; unmasked ones (conv_1 always, as --prune_first_layer=false; all
   * for baseline) are tf.layers' opened inside it under the same name.
   */
  private static List<String> wrnCheckpointNames(boolean masked, String... bookkeeping) {
    List<String> names = new ArrayList<>(List.of("global_step", "input/batches_consumed"));
    names.addAll(List.of(bookkeeping));
    withMomentum(names, "resnet_model/conv_1/conv_1/weights");
    for (String layer : MASKABLE_LAYERS) {
      String scope = "resnet_model/" + layer;
      if (masked) {
        names.addAll(List.of(scope + "/mask", scope + "/threshold"));
      } else {
        scope += "/" + layer;
      }
      withMomentum(names, scope + "/weights");
      if (layer.equals("logits")) {
        withMomentum(names, scope + "/biases");
      }
    }
    for (int k = 0; k < 7; k++) {
      String norm = "resnet_model/batch_normalization" + (k == 0 ? "" : "_" + k);
      withMomentum(names, norm + "/gamma");
      withMomentum(names, norm + "/beta");
      names.addAll(List.of(norm + "/moving_mean", norm + "/moving_variance"));
    }
    return sorted(names);
  }

  private static void withMomentum(List<String> names, String variable) {
    names.addAll(List.of(variable, variable + "/Momentum"));
  }

  /** The training summaries of resnet_train_eval.py under an Estimator, with their TF1 tags. */
  private static void assertTrainingTags(Path dir, boolean masked, String... extra) throws IOException {
    List<String> tags = new ArrayList<>(List.of("accuracy", "computing_cross_entropy_loss/cross_entropy_loss",
        "learning_rate", "loss", "top_5_accuracy", "total_loss"));
    tags.addAll(List.of(extra));
    if (masked) {
      MASKABLE_LAYERS.forEach(layer -> tags.add("pruning/resnet_model/" + layer + "/mask/sparsity"));
    }
    assertEquals(sorted(tags), List.copyOf(EventScalars.read(dir).keySet()));
  }

  private static List<String> checkpointNames(Path checkpoint) throws IOException {
    return sorted(BundleIndexReader.read(checkpoint).names());
  }

  private static void assertEntry(CheckpointIndex index, String name, DataType dtype, long... shape) {
    TensorEntry entry = index.entry(name);
    assertEquals(dtype, entry.dtype(), name);
    assertArrayEquals(shape, entry.shape(), name);
  }

  private static List<String> sorted(List<String> names) {
    return names.stream().sorted().toList();
  }

  @Test
  void rigLTrainsOverTwoTowers(@TempDir Path out) throws IOException {
    CifarSettings f = run(out, TrainingMethod.RIGL, 20);
    sparse(f, s -> s.maskUpdates(0, 20, 10));
    f.numTowers = 2;
    ImageClassifierRun trainer = runOf(f, quiet());
    trainer.run();
    assertExactMaskCounts(out.resolve("model.ckpt-20"), 0.8, 10);
  }

  @Test
  void pruneReachesItsTargetSparsity(@TempDir Path out) throws IOException {
    ImageClassifierRun trainer = runOf(flags(out, f -> {
      sparse(f, s -> s.method(TrainingMethod.PRUNE).endSparsity(0.75).pruning(4, 12, 4));
      f.maxSteps = 12;
      f.mode = "train_and_eval";
      f.perClassMetrics = false;
    }), quiet());
    assertEquals(out.resolve(Path.of("prune", "0.75", "4", "12", "4")), trainer.outputDir());
    EvalResults results = trainer.run().orElseThrow();
    assertEquals(12, results.globalStep());
    assertEquals(List.of("eval_accuracy", "loss"), List.copyOf(results.metrics().keySet()));
    assertEquals(9, results.sparsity().size());
    for (Map.Entry<String, Double> layer : results.sparsity().entrySet()) {
      assertEquals(0.75, layer.getValue(), 0.005, layer.getKey());
    }
    // contrib's pruning step: int32, last set at the final pruning step.
    Path checkpoint = out.resolve(Path.of("prune", "0.75", "4", "12", "4", "model.ckpt-12"));
    assertEquals(wrnCheckpointNames(true, "model_pruning/last_mask_update_step"), checkpointNames(checkpoint));
    assertEntry(BundleIndexReader.read(checkpoint), "model_pruning/last_mask_update_step", DataType.DT_INT32);
    try (BundleDataReader ckpt = BundleDataReader.open(checkpoint)) {
      assertEquals(12, ckpt.readInt("model_pruning/last_mask_update_step"));
    }
  }

  @Test
  void badFlagsAreNamedWithTheirValidValues(@TempDir Path out) {
    assertMessage(flags(out, f -> f.mode = "eval_once"), "--mode: 'eval_once'", "train_and_eval");
    assertMessage(flags(out, f -> sparse(f, s -> s.method(TrainingMethod.DNW))), "'dnw'", "prune");
    assertMessage(flags(out, f -> f.resnetDepth = 12), "--resnet_depth 12", "6n+4");
    assertMessage(flags(out, f -> sparse(f, s -> s.method(TrainingMethod.SCRATCH))), "--load_mask_dir");
    assertMessage(flags(out, f -> sparse(f, s -> s.method(TrainingMethod.SET).maskInitMethod("gaussian"))),
        "--mask_init_method: 'gaussian'", "erdos_renyi_kernel");
    assertMessage(flags(out, f -> sparse(f, s -> s.method(TrainingMethod.RIGL).dropFractionAnneal("linear"))),
        "--drop_fraction_anneal: 'linear'", "cosine");
    assertMessage(flags(out, f -> sparse(f, s -> s.method(TrainingMethod.SET).growInit("grad_scale"))), "--grow_init",
        "random_normal");
    assertMessage(flags(out, f -> sparse(f, s -> s.method(TrainingMethod.PRUNE).pruning(10, 10, 1000))),
        "--sparsity_begin_step 10", "--sparsity_end_step 10");
    assertMessage(new CifarSettings(), "--data_directory");
  }

  @Test
  void scheduleAndFolderFollowTrainingStepsMultiplier() {
    CifarSettings f = new CifarSettings();
    f.dataDirectory = Path.of("d");
    f.trainDir = Path.of("t");
    sparse(f, s -> s.method(TrainingMethod.PRUNE));
    f.trainingStepsMultiplier = 0.5;
    CifarSetup setup = CifarSetup.of(f);
    assertEquals(Path.of("t", "prune", "0.9", "10000", "37500", "1000"), setup.trainDir());
    assertEquals(48828, setup.maxSteps());
    assertArrayEquals(new long[] {15000, 30000, 45000}, setup.lrBoundaries());
    CifarSettings defaults = new CifarSettings();
    defaults.dataDirectory = Path.of("d");
    CifarSetup reference = CifarSetup.of(defaults);
    assertEquals(Path.of("runs/cifar10/", "baseline", "0.0", "0.0", "0.0", "0.0"), reference.trainDir());
    assertEquals(97656, reference.maxSteps());
    assertEquals(50_000, defaults.shuffleBuffer);
  }

  private static void assertMessage(CifarSettings f, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CifarSetup.of(f));
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }

  private static long ones(float[] mask) {
    long n = 0;
    for (float v : mask) {
      n += v == 0 ? 0 : 1;
    }
    return n;
  }
}
