package org.rigl.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.core.TensorValues;
import org.rigl.core.graph.ScopedNames;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Checkpoints written by Python TensorFlow restore into our graphs through TF's RestoreV2 kernel. */
@Tag("fast")
class PythonCheckpointRestoreTest {
  private static String fixture(String relative) {
    return System.getProperty("rigl.root") + "/../shared/testdata/checkpoints/" + relative;
  }

  @Test
  void tf1ScalarsSnappyIndex() throws IOException {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> a = ScopedNames.variable(tf, "a", tf.constant(0f));
      Variable<TFloat32> b = ScopedNames.variable(tf, "b", tf.constant(0f));
      Variable<TFloat32> c = ScopedNames.variable(tf, "c", tf.constant(0f));
      CheckpointSaver saver = new CheckpointSaver(tf, List.of(a, b, c));
      saver.restore(s, fixture("half_plus_two_tf1_snappy/variables"), List.of("a", "b", "c"));
      assertEquals(0.5f, TensorValues.scalar(s, a));
      assertEquals(2.0f, TensorValues.scalar(s, b));
      assertEquals(3.0f, TensorValues.scalar(s, c));
    }
  }

  @Test
  void estimatorCheckpointKernelsAndGlobalStep() throws IOException {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TInt64> step = ScopedNames.variable(tf, "global_step", tf.constant(42L));
      Variable<TFloat32> kernel =
          ScopedNames.variable(tf, "dnn/hiddenlayer_0/kernel", tf.zeros(tf.constant(new long[] {3, 100}), TFloat32.class));
      CheckpointSaver saver = new CheckpointSaver(tf, List.of(step, kernel));
      saver.restore(s, fixture("estimator_dnn/model.ckpt-0"), saver.variables().keySet());
      assertEquals(0L, TensorValues.int64(s, step));
      float[] values = TensorValues.floats(s, kernel);
      double abs = 0;
      for (float v : values) {
        abs += Math.abs(v);
      }
      assertTrue(abs > 0, "the trained kernel is not all zeros");
    }
  }

  @Test
  void aVariableTheCheckpointLacksIsNamed() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> d = ScopedNames.variable(tf, "d", tf.constant(0f));
      CheckpointSaver saver = new CheckpointSaver(tf, List.of(d));
      var e = assertThrows(IllegalArgumentException.class,
          () -> saver.restore(s, fixture("half_plus_two_tf1_snappy/variables"), List.of("d")));
      assertTrue(e.getMessage().contains("no tensor 'd'") && e.getMessage().contains("variables.index"), e.getMessage());
    }
  }
}
