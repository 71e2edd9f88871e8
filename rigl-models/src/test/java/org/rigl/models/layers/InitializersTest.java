package org.rigl.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.core.mask.WeightInitializer;
import org.rigl.models.TfGraph;
import org.tensorflow.ndarray.Shape;

/** Moments and bounds of the reference's initial distributions. */
@Tag("fast")
class InitializersTest {

  private static float[] draw(WeightInitializer init, Shape shape) {
    try (TfGraph g = new TfGraph()) {
      return g.floats(init.create(g.tf, shape, g.tf.constant(new long[] {3, 4})));
    }
  }

  private static double std(float[] values) {
    double sum = 0;
    double squares = 0;
    for (float v : values) {
      sum += v;
      squares += (double) v * v;
    }
    double mean = sum / values.length;
    return Math.sqrt(squares / values.length - mean * mean);
  }

  private static double maxAbs(float[] values) {
    double max = 0;
    for (float v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  @Test
  void varianceScalingIsATruncatedNormalWithVarianceScaleOverFanIn() {
    Shape shape = Shape.of(3, 3, 64, 128);
    float[] w = draw(Initializers.varianceScaling(2.0), shape);
    double target = Math.sqrt(2.0 / (3 * 3 * 64));
    assertEquals(target, std(w), 0.02 * target);
    double truncation = 2 * target / Initializers.TRUNCATED_NORMAL_STDDEV;
    assertTrue(maxAbs(w) <= truncation * 1.0001, "truncated at two of the untruncated stddev");
    assertTrue(maxAbs(w) > 0.95 * truncation);
  }

  @Test
  void randomNormalAndGlorot() {
    assertEquals(0.01, std(draw(Initializers.randomNormal(0.01), Shape.of(200, 500))), 2e-4);
    float[] glorot = draw(Initializers.glorotUniform(), Shape.of(300, 100));
    double limit = Math.sqrt(6.0 / 400);
    assertTrue(maxAbs(glorot) <= limit && maxAbs(glorot) > 0.99 * limit);
  }

  @Test
  void sparseFcVarianceScaling() {
    float[] w = draw(Initializers.sparseFcVarianceScaling(0.9), Shape.of(100, 50));
    double nnz = 100 * 50 * 0.1;
    double limit = Math.sqrt(6 / (nnz / 50 + nnz / 100));
    assertTrue(maxAbs(w) <= limit && maxAbs(w) > 0.99 * limit, "U(-limit, limit)");
    assertThrows(IllegalArgumentException.class, () -> draw(Initializers.sparseFcVarianceScaling(0.9), Shape.of(1, 1, 4, 4)));
    assertThrows(IllegalArgumentException.class, () -> Initializers.sparseFcVarianceScaling(1.0));
  }

  @Test
  void fansFollowTf1() {
    assertEquals(576.0, Initializers.fans(Shape.of(3, 3, 64, 128))[0]);
    assertEquals(1152.0, Initializers.fans(Shape.of(3, 3, 64, 128))[1]);
    assertEquals(784.0, Initializers.fans(Shape.of(784, 300))[0]);
  }
}
