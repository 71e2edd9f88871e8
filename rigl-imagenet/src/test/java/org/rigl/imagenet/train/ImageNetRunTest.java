package org.rigl.imagenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.update.TrainingMethod;

/** train-image end to end on the shared fake_imagenet shards (labels 0..9, 64x64). */
class ImageNetRunTest {
  private static ImageNetSettings flags(Path out) {
    return FakeImageNet.flags(out);
  }

  private static ImageNetSettings flags(Path out, Consumer<ImageNetSettings> change) {
    return FakeImageNet.flags(out, change);
  }

  private static ImageClassifierRun run(ImageNetSettings flags, PrintStream log) {
    return new ImageClassifierRun(new ImageNetTask(ImageNetSetup.of(flags)), log);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream());
  }

  @Test
  void rigLTrainsResumesAndEvaluates(@TempDir Path out) throws IOException {
    run(flags(out, f -> {
      f.mode = "train";
      f.trainSteps = 60;
      f.logMaskImgsEachIteration = true;
    }), quiet()).run();
    assertTrue(Files.exists(out.resolve("model.ckpt-60.index")));
    assertTrue(eventTags(out).stream().anyMatch(t -> t.startsWith("mask/resnet_model/final_dense/mask")), "mask images logged: " + eventTags(out));
    assertTrue(eventTags(out).contains("pruning/resnet_model/final_dense/mask/sparsity"));
    assertTrue(eventTags(out).contains("drop_fraction") && eventTags(out).contains("learning_rate"));
    // Stopped at 60; a second run resumes from the latest checkpoint and goes on to 120.
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    run(flags(out, f -> {
      f.mode = "train";
      f.trainSteps = 120;
    }), new PrintStream(log)).run();
    assertTrue(log.toString().contains("Resuming from"), log.toString());
    assertTrue(Files.exists(out.resolve("model.ckpt-120.index")));

    var results = run(flags(out, f -> {
      f.mode = "eval_once";
      f.evalOnceCkptPrefix = "model.ckpt-120";
    }), quiet()).evaluateOnce("model.ckpt-120");
    assertEquals(120, results.globalStep());
    assertTrue(results.top1() >= 0.9, "top-1 " + results.top1());
    String json = Files.readString(out.resolve("eval_results.json"));
    assertTrue(json.contains("\"global_step\": 120"), json);
    // metric_fn's names, as the TPUEstimator writes them.
    var metrics = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
    assertEquals(results.top1(), metrics.get("eval_accuracy").getAsDouble(), 1e-12);
    assertTrue(metrics.get("top_5_eval_accuracy").getAsDouble() >= results.top1(), json);
    assertTrue(metrics.get("cross_loss").getAsDouble() > 0 && metrics.get("reg_loss").getAsDouble() > 0, json);
    assertEquals(java.util.List.of("eval_accuracy", "top_5_eval_accuracy", "cross_loss", "reg_loss"),
        java.util.List.copyOf(results.metrics().keySet()));
    // evaluate(name=prefix): the same scalars and pruning/<mask>/sparsity at the checkpoint's step in eval_<prefix>/.
    var evalScalars = org.rigl.imagenet.EventScalars.read(out.resolve("eval_model.ckpt-120"));
    assertEquals(results.top1(), evalScalars.get("eval_accuracy").get(120L), 1e-6);
    for (String tag : new String[] {"top_5_eval_accuracy", "cross_loss", "reg_loss", "pruning/resnet_model/final_dense/mask/sparsity"}) {
      assertTrue(evalScalars.get(tag).containsKey(120L), tag + " in " + evalScalars.keySet());
    }

    // Every mask keeps exactly n - floor(s n) ones through the RigL updates.
    FakeImageNet.assertExactMaskCounts(flags(out), out.resolve("model.ckpt-120"));
    try (BundleDataReader data = BundleDataReader.open(out.resolve("model.ckpt-120"))) {
      assertEquals(120L, data.readLong("global_step"));
      assertTrue(data.readLong("last_mask_update_step") >= 100 - 20, "RigL updated masks late in training");
    }
  }

  private static java.util.Set<String> eventTags(Path dir) throws IOException {
    java.util.Set<String> tags = new java.util.TreeSet<>();
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList()) {
        try (var reader = org.rigl.core.io.TfRecordReader.open(file)) {
          byte[] record;
          while ((record = reader.readRecord()) != null) {
            org.tensorflow.proto.Event.parseFrom(record).getSummary().getValueList().forEach(v -> tags.add(v.getTag()));
          }
        }
      }
    }
    return tags;
  }

  @Test
  void badFlagsAreNamed(@TempDir Path out) {
    var e1 = assertThrows(IllegalArgumentException.class,
        () -> ImageNetSetup.of(flags(out, f -> f.numEvalImages = 500)));
    assertTrue(e1.getMessage().contains("--num_eval_images 500"), e1.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> ImageNetSetup.of(flags(out, f -> f.mode = "predict")));
    assertTrue(e2.getMessage().contains("predict") && e2.getMessage().contains("eval_once"), e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class, () -> ImageNetSetup.of(flags(out, f -> FakeImageNet.sparse(f, s -> s.method(TrainingMethod.PRUNE)))));
    assertTrue(e3.getMessage().contains("prune"), e3.getMessage());
    var e4 = assertThrows(IllegalArgumentException.class,
        () -> ImageNetSetup.of(flags(out, f -> FakeImageNet.sparse(f, s -> s.method(TrainingMethod.SET).maskInitMethod("")))));
    assertTrue(e4.getMessage().contains("--mask_init_method"), e4.getMessage());
  }

  @Test
  void aMissingDataDirectoryIsNamedAndWritesNothing(@TempDir Path tmp) {
    Path out = tmp.resolve("out");
    ImageNetSettings f = flags(out, s -> {
      s.mode = "train";
      s.trainSteps = 1;
      s.dataDirectory = tmp.resolve("nowhere");
    });
    RuntimeException e = assertThrows(RuntimeException.class, () -> run(f, quiet()).run());
    assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    assertTrue(!Files.exists(out), "no output folder for a run that never started");
  }

  @Test
  void folderStubMatchesPythonStr() {
    ImageNetSettings f = new ImageNetSettings();
    f.outputDir = Path.of("out");
    FakeImageNet.sparse(f, s -> s.method(TrainingMethod.RIGL).maskInitMethod("random"));
    assertEquals(Path.of("out", "rigl", "0.9", "0", "25000", "100", "0.3", "0.1", "0.0001"), ImageNetSetup.of(f).outputDir());
    assertEquals("1e-05", PythonFloats.str(1e-5));
    assertEquals("25000.0", PythonFloats.str(25000));
    assertEquals("1e+16", PythonFloats.str(1e16));
  }
}
