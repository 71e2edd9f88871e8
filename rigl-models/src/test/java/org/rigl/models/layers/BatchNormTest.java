package org.rigl.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.models.TfGraph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** Batch norm against a hand computation. */
@Tag("fast")
class BatchNormTest {
  /** x[n, 0, w, c] for n, w in {0, 1} and two channels. */
  private static final float[] X = {1f, 10f, 2f, 20f, 4f, 30f, 9f, 60f};
  private static final float[] GAMMA = {1.5f, 0.5f};
  private static final float[] BETA = {0.25f, -1f};

  private static double[] channel(int c) {
    return new double[] {X[c], X[2 + c], X[4 + c], X[6 + c]};
  }

  private static double mean(double[] v) {
    return (v[0] + v[1] + v[2] + v[3]) / 4;
  }

  private static double biasedVariance(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / 4;
  }

  private static void assertClose(double expected, float actual, String what) {
    assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)), what);
  }

  private static BatchNorm create(TfGraph g, LayerContext context, boolean fused) {
    BatchNorm bn = fused ? BatchNorm.fused(context, "scope", 2, false) : BatchNorm.nonFused(context, "scope", 2);
    g.session.run(g.tf.assign(bn.gamma(), g.constant(Shape.of(2), GAMMA)));
    g.session.run(g.tf.assign(bn.beta(), g.constant(Shape.of(2), BETA)));
    return bn;
  }

  @Test
  void trainingNormalisesWithBatchStatisticsAndUpdatesMovingAverages() {
    for (boolean fused : new boolean[] {true, false}) {
      try (TfGraph g = new TfGraph()) {
        BatchNorm bn = create(g, new LayerContext(g.tf, g.masks), fused);
        ForwardContext forward = new ForwardContext(g.tf, true);
        Operand<TFloat32> y = bn.apply(forward, g.constant(Shape.of(2, 1, 2, 2), X));
        float[] out = g.floats(y);
        for (int c = 0; c < 2; c++) {
          double[] v = channel(c);
          for (int i = 0; i < 4; i++) {
            double expected = GAMMA[c] * (v[i] - mean(v)) / Math.sqrt(biasedVariance(v) + 1e-5) + BETA[c];
            assertClose(expected, out[2 * i + c], "y channel " + c + " value " + i);
          }
        }
        assertEquals(2, forward.updateOps().size());
        g.session.run(g.tf.withControlDependencies(forward.updateOps()).noOp());
        List<float[]> moving = g.floats(List.of(bn.movingMean(), bn.movingVariance()));
        for (int c = 0; c < 2; c++) {
          double[] v = channel(c);
          double decay = fused ? 1f - 0.9f : (float) (1.0 - 0.9);
          double batchVariance = fused ? biasedVariance(v) * 4 / 3 : biasedVariance(v);
          assertClose(decay * mean(v), moving.get(0)[c], (fused ? "fused" : "non-fused") + " moving mean " + c);
          assertClose(1 - (1 - batchVariance) * decay, moving.get(1)[c], (fused ? "fused" : "non-fused") + " moving variance " + c);
        }
      }
    }
  }

  @Test
  void evaluationUsesTheMovingAverages() {
    try (TfGraph g = new TfGraph()) {
      BatchNorm bn = create(g, new LayerContext(g.tf, g.masks), true);
      float[] mean = {2f, 25f};
      float[] variance = {4f, 100f};
      g.session.run(g.tf.assign(bn.movingMean(), g.constant(Shape.of(2), mean)));
      g.session.run(g.tf.assign(bn.movingVariance(), g.constant(Shape.of(2), variance)));
      ForwardContext forward = new ForwardContext(g.tf, false);
      float[] out = g.floats(bn.apply(forward, g.constant(Shape.of(2, 1, 2, 2), X)));
      assertEquals(0, forward.updateOps().size());
      for (int i = 0; i < X.length; i++) {
        int c = i % 2;
        double expected = GAMMA[c] * (X[i] - mean[c]) / Math.sqrt(variance[c] + 1e-5) + BETA[c];
        assertClose(expected, out[i], "y " + i);
      }
    }
  }

  @Test
  void namesFollowTf1DefaultLayerNames() {
    try (TfGraph g = new TfGraph()) {
      LayerContext context = new LayerContext(g.tf, g.masks);
      BatchNorm.fused(context, "net", 3, true);
      BatchNorm.fused(context, "net", 3, false);
      BatchNorm.nonFused(context, "other", 3);
      assertEquals(
          List.of(
              "net/batch_normalization/gamma", "net/batch_normalization/beta", "net/batch_normalization/moving_mean",
              "net/batch_normalization/moving_variance", "net/batch_normalization_1/gamma",
              "net/batch_normalization_1/beta", "net/batch_normalization_1/moving_mean",
              "net/batch_normalization_1/moving_variance", "other/batch_normalization/gamma",
              "other/batch_normalization/beta", "other/batch_normalization/moving_mean",
              "other/batch_normalization/moving_variance"),
          context.variables().stream().map(ModelVariable::name).toList());
      List<float[]> initial =
          g.floats(context.variables().subList(0, 4).stream().map(ModelVariable::variable).toList());
      assertEquals(List.of(0f, 0f, 0f, 1f), initial.stream().map(v -> v[0]).toList(), "init_zero gamma, then beta, mean, variance");
    }
  }
}
