package org.rigl.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rigl.core.TensorValues.floats;

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

/** TF1 clip_by_global_norm: gradients {3, 4} and {12} have global norm 13. */
@Tag("fast")
class ClipByGlobalNormTest {

  private static float[][] clip(double clipNorm) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> a = ScopedNames.variable(tf, "a", tf.constant(new float[] {0f, 0f}));
      Variable<TFloat32> b = ScopedNames.variable(tf, "b", tf.constant(new float[] {0f}));
      List<GradientAndVariable> clipped =
          new ClipByGlobalNorm(clipNorm)
              .apply(tf, List.of(
                  new GradientAndVariable(tf.constant(new float[] {3f, 4f}), a),
                  new GradientAndVariable(tf.constant(new float[] {12f}), b)));
      assertEquals(a, clipped.get(0).variable());
      assertEquals(13f, TensorValues.scalar(s, ClipByGlobalNorm.globalNorm(tf, List.of(tf.constant(new float[] {3f, 4f}), tf.constant(new float[] {12f})))), 1e-6);
      return new float[][] {floats(s, clipped.get(0).gradient()), floats(s, clipped.get(1).gradient())};
    }
  }

  @Test
  void scalesEveryGradientByClipOverNormWhenAbove() {
    float[][] c = clip(6.5);
    assertArrayEquals(new float[] {1.5f, 2f}, c[0], 1e-6f);
    assertArrayEquals(new float[] {6f}, c[1], 1e-6f);
  }

  @Test
  void leavesGradientsBelowTheNormUnchanged() {
    float[][] c = clip(20);
    // scale = 20 * min(1/13, 1/20) = 1 up to float rounding of 20 * (1/20).
    assertArrayEquals(new float[] {3f, 4f}, c[0], 1e-6f);
    assertArrayEquals(new float[] {12f}, c[1], 1e-6f);
  }

  @Test
  void rejectsNonPositiveClipNorms() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClipByGlobalNorm(0));
    assertTrue(e.getMessage().contains("positive"), e.getMessage());
  }
}
