package org.rigl.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rigl.core.TensorValues.floats;
import static org.rigl.core.TensorValues.int64;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.mask.WeightInitializer;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.GradientAndVariable;
import org.rigl.core.train.MomentumOptimizer;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

@Tag("fast")
class CheckpointManagerTest {

  /** A masked layer, its Momentum slot, global_step: the variables a training graph saves. */
  private static final class Model implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    final Session session = new Session(graph);
    final MaskRegistry masks;
    final MaskedWeights layer;
    final Variable<TInt64> step = GlobalStep.create(tf);
    final MomentumOptimizer momentum;
    final CheckpointSaver saver;

    Model(long seed) {
      masks = new MaskRegistry(seed);
      layer = masks.create(tf, "net/dense", Shape.of(4, 3), WeightInitializer.glorotUniform());
      momentum = new MomentumOptimizer(tf.constant(0.1f), 0.9f, false);
      momentum.createSlots(tf, List.of(layer.weights()));
      List<Variable<?>> all = new ArrayList<>(List.of(layer.mask(), layer.weights(), layer.threshold(), step));
      all.addAll(momentum.variables());
      saver = new CheckpointSaver(tf, all);
    }

    void train() {
      var apply = momentum.applyGradients(tf, List.of(new GradientAndVariable(tf.onesLike(layer.weights()), layer.weights())));
      session.run(tf.withControlDependencies(apply).assignAdd(step, tf.constant(1L)));
      session.run(tf.assign(layer.mask(), tf.constant(new float[][] {{1, 0, 1}, {0, 1, 0}, {1, 1, 0}, {0, 0, 1}})));
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  @Test
  void savesTf1LayoutAndRestoresEveryValue(@TempDir Path dir) throws IOException {
    float[] weights;
    float[] slot;
    try (Model a = new Model(1)) {
      a.train();
      a.train();
      weights = floats(a.session, a.layer.weights());
      slot = floats(a.session, a.momentum.slots(a.layer.weights()).get("momentum"));
      Path prefix = new CheckpointManager(dir, 0).save(a.session, a.saver, 2);
      assertEquals(dir.resolve("model.ckpt-2"), prefix);
    }
    assertTrue(Files.isRegularFile(dir.resolve("model.ckpt-2.index")));
    assertTrue(Files.isRegularFile(dir.resolve("model.ckpt-2.data-00000-of-00001")));
    assertEquals(
        "model_checkpoint_path: \"model.ckpt-2\"\nall_model_checkpoint_paths: \"model.ckpt-2\"\n",
        Files.readString(dir.resolve("checkpoint")));
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().contains(".tmp")), "no temporary files left");
    }

    try (Model b = new Model(2)) {
      assertNotEquals(weights[0], floats(b.session, b.layer.weights())[0], "a different initialisation");
      Path latest = new CheckpointManager(dir, 0).latest().orElseThrow();
      b.saver.restore(b.session, latest.toString(), b.saver.variables().keySet());
      assertArrayEquals(weights, floats(b.session, b.layer.weights()));
      assertArrayEquals(slot, floats(b.session, b.momentum.slots(b.layer.weights()).get("momentum")));
      assertEquals(2, int64(b.session, b.step));
      assertEquals(6.0, org.rigl.core.TensorValues.sum(floats(b.session, b.layer.mask())));
    }
  }

  @Test
  void theIndexListsTf1NamesWithSlots(@TempDir Path dir) throws IOException {
    try (Model a = new Model(1)) {
      a.train();
      new CheckpointManager(dir, 0).save(a.session, a.saver, 1);
    }
    var index = org.rigl.core.io.BundleIndexReader.read(dir.resolve("model.ckpt-1"));
    assertEquals(
        List.of("global_step", "net/dense/mask", "net/dense/threshold", "net/dense/weights", "net/dense/weights/Momentum"),
        index.names());
    assertArrayEquals(new long[] {4, 3}, index.entry("net/dense/weights/Momentum").shape());
    try (var data = org.rigl.core.io.BundleDataReader.open(dir.resolve("model.ckpt-1"))) {
      assertEquals(1L, data.readLong("global_step"));
    }
  }

  @Test
  void aMismatchedCheckpointChangesNothingAndNamesTheTensor(@TempDir Path dir) throws IOException {
    try (Model a = new Model(1)) {
      new CheckpointManager(dir, 0).save(a.session, a.saver, 0);
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      MaskRegistry masks = new MaskRegistry(3);
      MaskedWeights wide = masks.create(tf, "net/dense", Shape.of(4, 5), WeightInitializer.glorotUniform());
      MaskedWeights other = masks.create(tf, "net/other", Shape.of(2, 2), WeightInitializer.glorotUniform());
      CheckpointSaver saver = new CheckpointSaver(tf, List.of(wide.mask(), wide.weights(), other.weights()));
      float[] before = floats(s, wide.weights());
      var shape = assertThrows(IllegalArgumentException.class,
          () -> saver.restore(s, dir.resolve("model.ckpt-0").toString(), List.of("net/dense/mask", "net/dense/weights")));
      assertTrue(shape.getMessage().contains("'net/dense/mask'") && shape.getMessage().contains("model.ckpt-0.index")
          && shape.getMessage().contains("[4, 3]") && shape.getMessage().contains("[4, 5]"), shape.getMessage());
      var missing = assertThrows(IllegalArgumentException.class,
          () -> saver.restore(s, dir.resolve("model.ckpt-0").toString(), List.of("net/other/weights")));
      assertTrue(missing.getMessage().contains("no tensor 'net/other/weights'"), missing.getMessage());
      assertArrayEquals(before, floats(s, wide.weights()), "nothing restored");
    }
  }

  @Test
  void restoresOnlyTheNamedVariables(@TempDir Path dir) throws IOException {
    try (Model a = new Model(1)) {
      a.train();
      new CheckpointManager(dir, 0).save(a.session, a.saver, 1);
    }
    try (Model b = new Model(2)) {
      float[] ownWeights = floats(b.session, b.layer.weights());
      b.saver.restore(b.session, dir.resolve("model.ckpt-1").toString(), List.of("net/dense/mask"));
      assertEquals(6.0, org.rigl.core.TensorValues.sum(floats(b.session, b.layer.mask())), "mask restored");
      assertArrayEquals(ownWeights, floats(b.session, b.layer.weights()), "weights untouched");
      assertEquals(0, int64(b.session, b.step), "global_step untouched");
    }
  }

  @Test
  void keepsAtMostKeepMaxCheckpoints(@TempDir Path dir) throws IOException {
    try (Model a = new Model(1)) {
      CheckpointManager manager = new CheckpointManager(dir, 2);
      for (long step = 0; step < 4; step++) {
        manager.save(a.session, a.saver, step * 10);
      }
    }
    CheckpointState state = CheckpointState.read(dir).orElseThrow();
    assertEquals("model.ckpt-30", state.latest());
    assertEquals(List.of("model.ckpt-20", "model.ckpt-30"), state.all());
    assertFalse(Files.exists(dir.resolve("model.ckpt-0.index")));
    assertFalse(Files.exists(dir.resolve("model.ckpt-10.data-00000-of-00001")));
    assertTrue(Files.exists(dir.resolve("model.ckpt-20.index")));
  }

  @Test
  void savesUnderAnExplicitNameAndReplacesIt(@TempDir Path dir) throws IOException {
    try (Model a = new Model(1)) {
      CheckpointManager manager = new CheckpointManager(dir, 0);
      assertEquals(dir.resolve("model.ckpt"), manager.saveAs(a.session, a.saver, "model.ckpt"));
      a.train();
      manager.saveAs(a.session, a.saver, "model.ckpt");
      assertThrows(IllegalArgumentException.class, () -> manager.saveAs(a.session, a.saver, "sub/model.ckpt"));
    }
    assertEquals(
        "model_checkpoint_path: \"model.ckpt\"\nall_model_checkpoint_paths: \"model.ckpt\"\n",
        Files.readString(dir.resolve("checkpoint")));
    try (var data = org.rigl.core.io.BundleDataReader.open(dir.resolve("model.ckpt"))) {
      assertEquals(1L, data.readLong("global_step"), "the second save replaced the first");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("checkpoint", "model.ckpt.data-00000-of-00001", "model.ckpt.index"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void rejectsAMalformedStateFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("checkpoint"), "garbage\n");
    IOException e = assertThrows(IOException.class, () -> new CheckpointManager(dir, 0).latest());
    assertTrue(e.getMessage().contains("checkpoint:1"), e.getMessage());
  }
}
