package org.rigl.core.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.rigl.core.TensorValues.floats;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Port of the reference's SparseMomentumOptimizerTest.testMomentumUpdate. */
@Tag("fast")
class SnfsStepTest {

  @ParameterizedTest
  @CsvSource({"3, 4, 0.5", "5, 2, 0.0", "2, 5, 1.0"})
  void movingAverageFollowsTheRecurrence(int nIn, int nOut, float momentum) {
    try (OneLayerGraph g = OneLayerGraph.withOnesInput(nIn, nOut)) {
      SnfsMethod snfs = new SnfsMethod(momentum);
      UpdateSchedule schedule = new UpdateSchedule(1, 4, 2);
      OneLayerGraph.Loss columnWeighted = (tf, y, gs) -> {
        Operand<TFloat32> range = tf.dtypes.cast(tf.range(tf.constant(0), tf.constant(nOut), tf.constant(1)), TFloat32.class);
        return tf.reduceSum(tf.math.mul(y, range), tf.constant(new int[] {0, 1}));
      };
      g.buildDynamic(0.1f, columnWeighted, snfs, schedule, "constant", 0.5, "zeros", 0);
      float[] expected = new float[nIn * nOut];
      for (int step = 0; step < 6; step++) {
        assertArrayEquals(expected, floats(g.session, snfs.average(g.layer)), "before step " + step);
        g.session.run(g.step.trainOp());
        for (int r = 0; r < nIn; r++) {
          for (int c = 0; c < nOut; c++) {
            int i = r * nOut + c;
            expected[i] = (float) (expected[i] * (double) momentum + (1 - (double) momentum) * c);
          }
        }
        assertArrayEquals(expected, floats(g.session, snfs.average(g.layer)), "after step " + step);
      }
    }
  }
}
