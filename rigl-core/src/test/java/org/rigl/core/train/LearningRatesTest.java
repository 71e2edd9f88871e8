package org.rigl.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rigl.core.TensorValues;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

@Tag("fast")
class LearningRatesTest {

  private static float eval(BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> rate, float epoch) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      return TensorValues.scalar(s, rate.apply(tf, tf.constant(epoch)));
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 0.4", "29.99, 0.4", "30, 0.04", "69.5, 0.04", "70, 0.004", "90, 0.0004", "130, 0.00004"})
  void resnetStepsBatch1024(float epoch, float expected) {
    float lr = eval((tf, e) -> LearningRates.epochSteps(tf, e, 0.1, 1024, LearningRates.RESNET_SCHEDULE), epoch);
    assertEquals(expected, lr, expected * 1e-6f);
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "4, 0.2", "8, 0.4", "39.9, 0.4", "40, 0.04", "120, 0.00012"})
  void mobilenetWarmsUpLinearly(float epoch, float expected) {
    float lr = eval((tf, e) -> LearningRates.epochSteps(tf, e, 0.1, 1024, LearningRates.MOBILENET_SCHEDULE), epoch);
    assertEquals(expected, lr, Math.max(expected * 1e-6f, 1e-9f));
  }

  @Test
  void currentEpochIsStepOverStepsPerEpoch() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float epoch = TensorValues.scalar(s, LearningRates.currentEpoch(tf, tf.constant(1251L * 30), 1281167, 1024));
      assertEquals(30f * 1251 / (1281167f / 1024), epoch, 1e-4);
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 0.4", "2.5, 0.2", "5, 0.2", "8.75, 0.1", "12.5, 0.1"})
  void sgdrRestartsWithLongerWeakerCycles(float epoch, float expected) {
    // First cycle 5 epochs, then 7.5 (t_mul 1.5) at half the amplitude (m_mul 0.5).
    float lr = eval((tf, e) -> LearningRates.cosineDecayRestarts(tf, 0.4f, e, 5f, 1.5f, 0.5f), epoch);
    assertEquals(expected, lr, 1e-5f);
  }

  @Test
  void piecewiseConstantLikeMnistSparse() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      long[] boundaries = {45000, 57000};
      float[] values = {0.2f, 0.2f / 3, 0.2f / 9};
      assertEquals(0.2f, TensorValues.scalar(s, LearningRates.piecewiseConstant(tf, tf.constant(45000L), boundaries, values)));
      assertEquals(0.2f / 3, TensorValues.scalar(s, LearningRates.piecewiseConstant(tf, tf.constant(45001L), boundaries, values)));
      assertEquals(0.2f / 9, TensorValues.scalar(s, LearningRates.piecewiseConstant(tf, tf.constant(99999L), boundaries, values)));
    }
  }
}
