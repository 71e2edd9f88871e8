package org.rigl.tools.ckpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.mask.WeightInitializer;
import org.rigl.tools.CliRun;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

@Tag("fast")
class CkptInspectCommandTest {

  private static JsonObject tensor(CliRun run, String name) {
    for (var t : JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("tensors")) {
      if (t.getAsJsonObject().get("name").getAsString().equals(name)) {
        return t.getAsJsonObject();
      }
    }
    throw new AssertionError("no tensor " + name + " in " + run.out());
  }

  @Test
  void readsPythonWrittenCheckpoints() {
    CliRun tf1 = CliRun.of("ckpt", "inspect", CliRun.testdata("checkpoints/half_plus_two_tf1_snappy/variables"), "--format=json");
    assertEquals(0, tf1.exitCode(), tf1.err());
    assertEquals(0.5, tensor(tf1, "a").get("value").getAsDouble());
    assertEquals(3.0, tensor(tf1, "c2").get("value").getAsDouble());

    CliRun tf2 = CliRun.of("ckpt", "inspect", CliRun.testdata("checkpoints/half_plus_two_tf2_snappy/variables"), "--format=json");
    assertEquals(2.0, tensor(tf2, "b/.ATTRIBUTES/VARIABLE_VALUE").get("value").getAsDouble());
    assertEquals("string", tensor(tf2, "_CHECKPOINTABLE_OBJECT_GRAPH").get("dtype").getAsString());

    CliRun estimator = CliRun.of("ckpt", "inspect", CliRun.testdata("checkpoints/estimator_dnn/model.ckpt-0"), "--format=json");
    assertEquals(0, tensor(estimator, "global_step").get("value").getAsLong());
    assertEquals("int64", tensor(estimator, "global_step").get("dtype").getAsString());
    assertEquals("[3,100]", tensor(estimator, "dnn/hiddenlayer_0/kernel").get("shape").toString());
    assertEquals(60, JsonParser.parseString(estimator.out()).getAsJsonObject().getAsJsonArray("tensors").size());

    CliRun text = CliRun.of("ckpt", "inspect", CliRun.testdata("checkpoints/half_plus_two_conv_uncompressed/variables"));
    assertTrue(text.out().contains("conv2d/kernel") && text.out().contains("[1, 1, 1, 1]"), text.out());
  }

  @Test
  void reportsMaskSparsity(@TempDir Path dir) throws IOException {
    saveLayer(dir, null);
    CliRun run = CliRun.of("ckpt", "inspect", dir.resolve("model.ckpt-7").toString(), "--format=json");
    assertEquals(0.625, tensor(run, "layer1/mask").get("sparsity").getAsDouble());
    assertFalse(tensor(run, "layer1/weights").has("sparsity"));
  }

  @Test
  void badInputIsAOneLineError(@TempDir Path dir) throws IOException {
    CliRun missing = CliRun.of("ckpt", "inspect", dir.resolve("nothing").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("nothing.index"), missing.err());
    Path broken = dir.resolve("broken");
    Files.write(Path.of(broken + ".index"), new byte[] {1, 2, 3});
    CliRun corrupt = CliRun.of("ckpt", "inspect", broken.toString());
    assertEquals(2, corrupt.exitCode());
    assertTrue(corrupt.err().startsWith("rigl: error: ") && corrupt.err().contains("broken.index"), corrupt.err());
    assertEquals(1, corrupt.err().strip().lines().count(), corrupt.err());
  }

  @Test
  void aBitFlipInAnyTensorIsAOneLineErrorNamingCheckpointAndTensor(@TempDir Path dir) throws IOException {
    saveLayer(dir, new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}});
    Path data = dir.resolve("model.ckpt-7.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    // The weights follow the mask's 32 bytes (tensors are stored in name order).
    bytes[32 + 9] ^= 0x10;
    Files.write(data, bytes);
    CliRun run = CliRun.of("ckpt", "inspect", dir.resolve("model.ckpt-7").toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("rigl: error: Corrupt checkpoint file " + data + ", tensor 'layer1/weights': checksum mismatch"),
        run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertEquals("", run.out());
  }

  /** A 2x4 layer1 whose mask keeps 3 of 8, with these weights (null: random), saved as DIR/model.ckpt-7. */
  private static void saveLayer(Path dir, float[][] weights) throws IOException {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      MaskedWeights layer = new MaskRegistry(0).create(tf, "layer1", Shape.of(2, 4), WeightInitializer.glorotUniform());
      if (weights != null) {
        s.run(tf.assign(layer.weights(), tf.constant(weights)));
      }
      s.run(tf.assign(layer.mask(), tf.constant(new float[][] {{1, 0, 0, 0}, {0, 1, 0, 1}})));
      new CheckpointManager(dir, 0).save(s, new CheckpointSaver(tf, List.of(layer.mask(), layer.weights())), 7);
    }
  }
}
