package org.rigl.core.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rigl.core.TensorValues.floats;
import static org.rigl.core.TensorValues.int64;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.core.train.ClipByGlobalNorm;
import org.rigl.core.train.SgdOptimizer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A gradient transform (clipping) changes the weight step of the sparse optimizers but not the
 * raw dL/d(mask*W) that RigL grows with.
 */
@Tag("fast")
class GradientTransformTest {
  private static final int N_IN = 3;
  private static final int N_OUT = 5;

  /** loss = sum(y * j): with x = ones, dL/d(mask*W)[i][j] = j and the dense global norm is sqrt(90). */
  private static Operand<TFloat32> columnLoss(Ops tf, Operand<TFloat32> y) {
    Operand<TFloat32> columns = tf.dtypes.cast(tf.range(tf.constant(0), tf.constant(N_OUT), tf.constant(1)), TFloat32.class);
    return tf.reduceSum(tf.math.mul(y, columns), tf.constant(new int[] {0, 1}));
  }

  @Test
  void rigLStepsWithClippedGradientsAndGrowsWithRawOnes() {
    try (OneLayerGraph g = OneLayerGraph.withOnesInput(N_IN, N_OUT)) {
      UpdateSchedule schedule = new UpdateSchedule(1, 1, 1);
      g.optimizer = new SgdOptimizer(g.tf.constant(1f));
      g.step =
          new DynamicSparseStep(
                  g.optimizer, new RigLMethod(0f), schedule, DropFractionSchedule.parse("constant", 0.5, schedule),
                  GrowInit.parse("zeros", true), 0)
              .build(g.tf, g.gradients(columnLoss(g.tf, g.output)), g.masks, g.globalStep, new ClipByGlobalNorm(1.0));
      float[] before = floats(g.session, g.layer.weights());
      g.session.run(g.step.trainOp()); // gs 0: not an update step, so a clipped weight step
      float[] after = floats(g.session, g.layer.weights());
      double norm = Math.sqrt(N_IN * (0 + 1 + 4 + 9 + 16));
      for (int i = 0; i < before.length; i++) {
        assertEquals(before[i] - (i % N_OUT) / norm, after[i], 1e-6, "weight " + i);
      }
      assertEquals(1, int64(g.session, g.globalStep));
      float[] raw = floats(g.session, g.step.gradients().maskedWeightGradients().get(g.layer.weightsName()));
      float[] expected = new float[N_IN * N_OUT];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = i % N_OUT;
      }
      assertArrayEquals(expected, raw, 0f);
      g.session.run(g.step.trainOp()); // gs 1: mask update, no weight step
      assertEquals(1, int64(g.session, g.globalStep));
      assertEquals(N_IN * N_OUT, (int) org.rigl.core.TensorValues.sum(floats(g.session, g.layer.mask())));
    }
  }
}
