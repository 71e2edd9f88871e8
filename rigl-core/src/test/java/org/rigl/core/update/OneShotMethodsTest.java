package org.rigl.core.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rigl.core.TensorValues.floats;
import static org.rigl.core.TensorValues.int64;
import static org.rigl.core.TensorValues.sum;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rigl.core.TensorValues;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.SgdOptimizer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Port of the reference's SparseSnipOptimizerTest and SparseDNWOptimizerTest. */
@Tag("fast")
class OneShotMethodsTest {

  /** x = [1..nIn], loss = sum(y * u) with u uniform - 0.5: dL/dW = outer(1..nIn, u). */
  private static OneLayerGraph graph(int nIn, int nOut, float[] u) {
    float[] x = new float[nIn];
    for (int i = 0; i < nIn; i++) {
      x[i] = i + 1;
    }
    return new OneLayerGraph(nIn, nOut, tf -> tf.constant(new float[][] {x}));
  }

  private static float[] scaleVector(int nOut, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] u = new float[nOut];
    for (int i = 0; i < nOut; i++) {
      u[i] = (float) (random.nextDouble() - 0.5);
    }
    return u;
  }

  private static Operand<TFloat32> loss(Ops tf, Operand<TFloat32> y, float[] u) {
    return tf.reduceSum(tf.math.mul(y, tf.constant(u)), tf.constant(new int[] {0, 1}));
  }

  /** {@code step} built on the graph's loss with column scales {@code u}, as the graph's step. */
  private static <S extends StepBuilder> S built(OneLayerGraph g, float[] u, S step) {
    g.step = step.build(g.tf, g.gradients(loss(g.tf, g.output, u)), g.masks, g.globalStep, GradientTransform.identity());
    return step;
  }

  private static int zeros(float[] mask) {
    return (int) (mask.length - sum(mask));
  }

  @ParameterizedTest
  @CsvSource({"3, 4, 0.5", "5, 3, 0.8", "8, 5, 0.8"})
  void snipKeepsTheMostSensitiveConnectionsOnce(int nIn, int nOut, double sparsity) {
    float[] u = scaleVector(nOut, nIn * 31L + nOut);
    try (OneLayerGraph g = graph(nIn, nOut, u)) {
      SnipStep snip =
          built(g, u, new SnipStep(new SgdOptimizer(g.tf.constant(1e-3f)), Map.of("fully_connected/mask", sparsity)));
      float[] initial = floats(g.session, g.layer.mask());
      assertEquals(initial.length, sum(initial), "initial mask is dense");
      float[] weights = floats(g.session, g.layer.weights());

      g.session.run(g.step.trainOp());
      float[] mask = floats(g.session, g.layer.mask());
      assertEquals((int) Math.floor(sparsity * nIn * nOut), zeros(mask));
      assertEquals(0, int64(g.session, g.globalStep), "the snip iteration does not increment");
      float minKept = Float.MAX_VALUE;
      float maxDropped = 0;
      for (int r = 0; r < nIn; r++) {
        for (int c = 0; c < nOut; c++) {
          int i = r * nOut + c;
          float score = Math.abs((r + 1) * u[c] * weights[i]);
          if (mask[i] == 1) {
            minKept = Math.min(minKept, score);
          } else {
            maxDropped = Math.max(maxDropped, score);
          }
        }
      }
      assertTrue(maxDropped <= minKept, maxDropped + " > " + minKept);
      for (int i = 0; i < 3; i++) {
        assertEquals(i, int64(g.session, g.globalStep));
        g.session.run(g.step.trainOp());
        assertTrue(TensorValues.bool(g.session, snip.isSnipped()));
        assertArrayEquals(mask, floats(g.session, g.layer.mask()));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"3, 4, 0.5", "5, 3, 0.8", "8, 5, 0.8"})
  void dnwKeepsTheLargestWeightsEveryStepWithDenseGradients(int nIn, int nOut, double sparsity) {
    float[] u = scaleVector(nOut, nIn * 17L + nOut);
    try (OneLayerGraph g = graph(nIn, nOut, u)) {
      DnwStep dnw =
          built(g, u, new DnwStep(new SgdOptimizer(g.tf.constant(1e-3f)), Map.of("fully_connected/mask", sparsity)));
      float[] grad = floats(g.session, g.step.gradients().variableGradients().get(0).gradient());
      for (int r = 0; r < nIn; r++) {
        for (int c = 0; c < nOut; c++) {
          assertEquals((r + 1) * u[c], grad[r * nOut + c], 1e-6, "dense gradient");
        }
      }
      for (int step = 0; step < 5; step++) {
        g.session.run(g.step.trainOp());
        float[] mask = floats(g.session, g.layer.mask());
        float[] weights = floats(g.session, g.layer.weights());
        assertEquals((int) Math.floor(sparsity * nIn * nOut), zeros(mask));
        float minKept = Float.MAX_VALUE;
        float maxRemoved = 0;
        for (int i = 0; i < mask.length; i++) {
          if (mask[i] == 1) {
            minKept = Math.min(minKept, Math.abs(weights[i]));
          } else {
            maxRemoved = Math.max(maxRemoved, Math.abs(weights[i]));
          }
        }
        assertTrue(maxRemoved <= minKept);
      }
      assertEquals(5, int64(g.session, g.globalStep));
    }
  }

  @ParameterizedTest
  @CsvSource({"0.98", "0.5"})
  void magnitudePruningFollowsThePolynomialSchedule(double target) {
    try (OneLayerGraph g = OneLayerGraph.withUniformInput(30, 40)) {
      SgdOptimizer sgd = new SgdOptimizer(g.tf.constant(0.01f));
      var gradients = org.rigl.core.train.Gradients.compute(g.graph, OneLayerGraph.meanLoss(g.tf, g.output, g.globalStep), g.masks.layers(), List.of());
      var applied = sgd.applyGradients(g.tf, gradients.variableGradients());
      var train = g.tf.withControlDependencies(applied).assignAdd(g.globalStep, g.tf.constant(1L));
      MagnitudePruning pruning = new MagnitudePruning(new UpdateSchedule(2, 10, 2), target, Map.of(), 0);
      var step = pruning.build(g.tf, train, g.masks, g.globalStep);
      float[] expectedSparsity = new float[13];
      for (int t = 0; t <= 12; t++) {
        double p = Math.min(1, Math.max(0, (t - 2) / 8.0));
        expectedSparsity[t] = (float) (target - target * Math.pow(1 - p, 3));
      }
      float previous = floats(g.session, g.layer.mask()).length;
      for (int t = 1; t <= 12; t++) {
        g.session.run(step);
        float[] mask = floats(g.session, g.layer.mask());
        boolean due = t >= 2 && t <= 10 && t % 2 == 0;
        if (due) {
          long keep = Math.round(1200 * (1 - (double) expectedSparsity[t]));
          assertEquals(Math.max(keep, 1), (long) sum(mask), "ones at step " + t);
          float threshold = TensorValues.scalar(g.session, g.layer.threshold());
          float[] weights = floats(g.session, g.layer.weights());
          for (int i = 0; i < mask.length; i++) {
            assertEquals(Math.abs(weights[i]) >= threshold ? 1f : 0f, mask[i]);
          }
        } else {
          assertEquals(previous, sum(mask), "mask unchanged at step " + t);
        }
        previous = (float) sum(mask);
      }
      assertFalse(previous == 1200f);
    }
  }
}
