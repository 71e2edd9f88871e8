package org.rigl.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.models.TfGraph;
import org.tensorflow.ndarray.Shape;

/** Label-smoothed cross-entropy and the L2 regularization loss against hand computations. */
@Tag("fast")
class LossesTest {

  private static double crossEntropy(double[] logits, double[] targets) {
    double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l - max);
    }
    double loss = 0;
    for (int k = 0; k < 3; k++) {
      loss -= targets[k] * (logits[k] - max - Math.log(sum));
    }
    return loss;
  }

  @Test
  void labelSmoothing() {
    float[] logits = {2f, 1f, 0f, 0.5f, 0.5f, 3f};
    int[] labels = {0, 2};
    for (float smoothing : new float[] {0f, 0.1f}) {
      try (TfGraph g = new TfGraph()) {
        float loss =
            g.floats(
                LabelSmoothedCrossEntropy.loss(
                    g.tf, g.constant(Shape.of(2, 3), logits), g.tf.constant(labels), 3, smoothing))[0];
        double expected = 0;
        for (int i = 0; i < 2; i++) {
          double[] targets = new double[3];
          for (int k = 0; k < 3; k++) {
            targets[k] = (k == labels[i] ? 1 - smoothing : 0) + smoothing / 3.0;
          }
          double[] row = {logits[3 * i], logits[3 * i + 1], logits[3 * i + 2]};
          expected += crossEntropy(row, targets) / 2;
        }
        assertEquals(expected, loss, 1e-6, "smoothing " + smoothing);
      }
    }
  }

  @Test
  void l2IsHalfTheSumOfSquaresTimesTheDecay() {
    try (TfGraph g = new TfGraph()) {
      LayerContext context = new LayerContext(g.tf, g.masks);
      Kernel masked = context.maskedKernel("a", Shape.of(2, 2), Initializers.glorotUniform());
      Kernel plain = context.plainKernel("b/kernel", Shape.of(3), Initializers.glorotUniform(), true);
      context.plainKernel("c/depthwise_weights", Shape.of(3), Initializers.glorotUniform(), false);
      g.session.run(g.tf.assign(masked.variable(), g.constant(Shape.of(2, 2), 1f, -2f, 3f, 0.5f)));
      g.session.run(g.tf.assign(masked.masked().mask(), g.constant(Shape.of(2, 2), 0f, 0f, 1f, 1f)));
      g.session.run(g.tf.assign(plain.variable(), g.constant(Shape.of(3), 2f, 2f, -1f)));
      assertEquals(List.of(masked.variable(), plain.variable()), context.regularizedKernels());
      float loss = g.floats(L2Regularization.loss(g.tf, context.regularizedKernels(), 0.1f))[0];
      double squares = 1 + 4 + 9 + 0.25 + 4 + 4 + 1;
      assertEquals(0.1 * squares / 2, loss, 1e-6, "masked entries are decayed too");
      assertEquals(0f, g.floats(L2Regularization.loss(g.tf, context.regularizedKernels(), 0f))[0]);
    }
  }
}
