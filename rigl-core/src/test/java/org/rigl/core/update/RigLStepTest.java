package org.rigl.core.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rigl.core.TensorValues.floats;
import static org.rigl.core.TensorValues.int64;
import static org.rigl.core.TensorValues.sum;

import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Port of the reference's SparseRigLOptimizerTest. */
@Tag("fast")
class RigLStepTest {

  /** loss = sum(y * range(n_out) * gs): dL/d(mask*W)[i][j] = j * gs. */
  private static Operand<TFloat32> scaledLoss(Ops tf, Operand<TFloat32> y, Variable<TInt64> gs) {
    Operand<TFloat32> scale = tf.math.mul(range(tf, y), tf.dtypes.cast(gs, TFloat32.class));
    return tf.reduceSum(tf.math.mul(y, scale), tf.constant(new int[] {0, 1}));
  }

  private static Operand<TFloat32> range(Ops tf, Operand<TFloat32> y) {
    int n = (int) y.shape().size(1);
    return tf.dtypes.cast(tf.range(tf.constant(0), tf.constant(n), tf.constant(1)), TFloat32.class);
  }

  private static OneLayerGraph rigl(int nIn, int nOut, double drop, long begin, long end, long freq, float accScale, String growInit) {
    OneLayerGraph g = OneLayerGraph.withOnesInput(nIn, nOut);
    UpdateSchedule schedule = new UpdateSchedule(begin, end, freq);
    g.buildDynamic(1e-3f, RigLStepTest::scaledLoss, new RigLMethod(accScale), schedule, "constant", drop, growInit, 0);
    return g;
  }

  static Stream<Arguments> incrementPatterns() {
    return Stream.of(
        Arguments.of(3, 7, 2, new int[] {1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1}),
        Arguments.of(1, 5, 3, new int[] {1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1}),
        Arguments.of(0, 4, 1, new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1}));
  }

  @ParameterizedTest
  @MethodSource("incrementPatterns")
  void updateIterationsSkipTheWeightStepAndTheIncrement(long begin, long end, long freq, int[] incremented) {
    try (OneLayerGraph g = rigl(3, 5, 0.5, begin, end, freq, 0f, "zeros")) {
      g.randomHalfMask(17);
      for (int i = 0; i < incremented.length; i++) {
        long before = int64(g.session, g.globalStep);
        float[] weightsBefore = floats(g.session, g.layer.weights());
        float[] maskBefore = floats(g.session, g.layer.mask());
        g.session.run(g.step.trainOp());
        long after = int64(g.session, g.globalStep);
        assertEquals(before + incremented[i], after, "run " + i);
        if (incremented[i] == 0) {
          assertEquals(sum(maskBefore), sum(floats(g.session, g.layer.mask())), "ones preserved at run " + i);
          float[] weightsAfter = floats(g.session, g.layer.weights());
          float[] maskAfter = floats(g.session, g.layer.mask());
          for (int j = 0; j < weightsAfter.length; j++) {
            // No weight step: only grown connections (set to 0) may change.
            if (!(maskBefore[j] == 0 && maskAfter[j] == 1)) {
              assertEquals(weightsBefore[j], weightsAfter[j], "weight " + j + " at update run " + i);
            }
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void maskedGradientIsTheGradientOfTheCurrentStep(int nIn, int nOut) {
    // begin 0, end 3, freq 1, drop 0: updates at gs 0..3 alternate with weight steps.
    try (OneLayerGraph g = rigl(nIn, nOut, 0, 0, 3, 1, 0f, "zeros")) {
      Operand<TFloat32> masked = g.step.gradients().maskedWeightGradients().get(g.layer.weightsName());
      for (int i = 0; i < 6; i++) {
        if (i % 2 == 0) {
          long gs = int64(g.session, g.globalStep);
          var result = g.session.runner().addTarget(g.step.trainOp()).fetch(masked).run();
          float[] grad = new float[nIn * nOut];
          ((TFloat32) result.get(0)).copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(grad, false, false));
          result.close();
          for (int r = 0; r < nIn; r++) {
            for (int c = 0; c < nOut; c++) {
              assertEquals((float) c * gs, grad[r * nOut + c], "grad[" + r + "][" + c + "] at gs " + gs);
            }
          }
        } else {
          g.session.run(g.step.trainOp());
        }
      }
    }
  }

  static Stream<Arguments> shapes() {
    return Stream.of(Arguments.of(3, 4), Arguments.of(5, 2), Arguments.of(2, 5));
  }

  @Test
  void growsWhereTheGradientIsLargestAndResetsSlotsToScaledGradient() {
    // All gradients are j*gs; with the lowest-index mask dropped, RigL must grow the columns with
    // the largest j. Momentum slots of grown weights become acc_scale * grad.
    try (OneLayerGraph g = OneLayerGraph.withOnesInput(2, 4)) {
      UpdateSchedule schedule = new UpdateSchedule(1, 1, 1);
      g.optimizer = null;
      var momentum = new org.rigl.core.train.MomentumOptimizer(g.tf.constant(0.01f), 0.9f, false);
      g.step =
          new DynamicSparseStep(
                  momentum, new RigLMethod(0.5f), schedule, DropFractionSchedule.parse("constant", 0.5, schedule),
                  GrowInit.parse("zeros", true), 0)
              .build(g.tf, g.gradients(scaledLoss(g.tf, g.output, g.globalStep)), g.masks, g.globalStep,
                  org.rigl.core.train.GradientTransform.identity());
      // mask = columns 0 and 1 active; weights all equal so drop is decided by noise.
      g.session.run(g.tf.assign(g.layer.mask(), g.tf.constant(new float[][] {{1, 1, 0, 0}, {1, 1, 0, 0}})));
      g.session.run(g.tf.assign(g.layer.weights(), g.tf.constant(new float[][] {{1, 1, 1, 1}, {1, 1, 1, 1}})));
      g.session.run(g.step.trainOp()); // gs 0 -> 1, weight step (no update at gs 0)
      g.session.run(g.step.trainOp()); // gs 1: update, drop 2 of 4 ones, grow 2 where |j*1| is largest
      float[] mask = floats(g.session, g.layer.mask());
      assertEquals(4.0, sum(mask));
      // Column 3 (largest gradient) is grown in both rows: lower index first among equal scores.
      assertEquals(1f, mask[3]);
      assertEquals(1f, mask[7]);
      float[] slot = floats(g.session, momentum.slots(g.layer.weights()).get("momentum"));
      float[] weights = floats(g.session, g.layer.weights());
      assertEquals(0.5f * 3, slot[3]);
      assertEquals(0.5f * 3, slot[7]);
      assertEquals(0f, weights[3]);
      assertEquals(0f, weights[7]);
    }
  }

  @ParameterizedTest
  @MethodSource("noDropSchedules")
  void zeroDropFractionNeverChangesMask(long begin, long end, long freq) {
    try (OneLayerGraph g = rigl(3, 5, 0, begin, end, freq, 0f, "zeros")) {
      g.randomHalfMask(3);
      for (int i = 0; i < end + 2; i++) {
        float[] before = floats(g.session, g.layer.mask());
        g.session.run(g.step.trainOp());
        assertArrayEquals(before, floats(g.session, g.layer.mask()));
      }
    }
  }

  static Stream<Arguments> noDropSchedules() {
    return Stream.of(Arguments.of(3, 7, 2), Arguments.of(1, 5, 3), Arguments.of(0, 4, 1));
  }
}
