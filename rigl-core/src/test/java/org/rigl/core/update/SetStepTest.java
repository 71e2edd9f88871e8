package org.rigl.core.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.rigl.core.TensorValues.floats;
import static org.rigl.core.TensorValues.int64;
import static org.rigl.core.TensorValues.sum;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Port of the reference's SparseSETOptimizerTest and SparseStaticOptimizerTest. */
@Tag("fast")
class SetStepTest {

  private static OneLayerGraph setGraph(DynamicMethod method, int nIn, int nOut, double drop, long begin, long end, long freq) {
    OneLayerGraph g = OneLayerGraph.withUniformInput(nIn, nOut);
    UpdateSchedule schedule = new UpdateSchedule(begin, end, freq);
    g.buildDynamic(0.1f, OneLayerGraph::meanLoss, method, schedule, "constant", drop, "zeros", 0);
    g.randomHalfMask(nIn * 1000L + nOut);
    return g;
  }

  @ParameterizedTest
  @CsvSource({"15, 25, 0.5", "15, 25, 0.2", "3, 5, 0.2"})
  void maskChangesOnlyOnUpdateIterations(int nIn, int nOut, double drop) {
    try (OneLayerGraph g = setGraph(new SetMethod(), nIn, nOut, drop, 1, 4, 2)) {
      List<Integer> expectedUpdates = List.of(1, 3);
      for (int i = 1; i <= 5; i++) {
        float[] before = floats(g.session, g.layer.mask());
        g.session.run(g.step.trainOp());
        float[] after = floats(g.session, g.layer.mask());
        if (!expectedUpdates.contains(i)) {
          assertArrayEquals(before, after, "run " + i);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"15, 25, 0.5", "15, 25, 0.7", "30, 10, 0.9"})
  void updateIterationsKeepOnesAndChangeMask(int nIn, int nOut, double drop) {
    try (OneLayerGraph g = setGraph(new SetMethod(), nIn, nOut, drop, 1, 4, 2)) {
      for (int i = 1; i <= 4; i++) {
        float[] before = floats(g.session, g.layer.mask());
        g.session.run(g.step.trainOp());
        float[] after = floats(g.session, g.layer.mask());
        assertEquals(i, int64(g.session, g.globalStep));
        if (i == 1 || i == 3) {
          assertEquals(sum(before), sum(after), "ones preserved at run " + i);
          assertFalse(Arrays.equals(before, after), "mask changed at run " + i);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"3, 7, 2", "1, 5, 3", "0, 4, 1"})
  void zeroDropFractionNeverChangesMask(long begin, long end, long freq) {
    try (OneLayerGraph g = setGraph(new SetMethod(), 3, 5, 0, begin, end, freq)) {
      for (int i = 0; i < end + 2; i++) {
        float[] before = floats(g.session, g.layer.mask());
        g.session.run(g.step.trainOp());
        assertArrayEquals(before, floats(g.session, g.layer.mask()));
      }
    }
  }

  @Test
  void newConnectionsStartAtZero() {
    try (OneLayerGraph g = setGraph(new SetMethod(), 3, 5, 0.5, 0, 4, 1)) {
      int grown = 0;
      for (int i = 0; i < 5; i++) {
        float[] before = floats(g.session, g.layer.mask());
        g.session.run(g.step.trainOp());
        float[] after = floats(g.session, g.layer.mask());
        float[] weights = floats(g.session, g.layer.weights());
        for (int j = 0; j < before.length; j++) {
          if (before[j] == 0 && after[j] == 1) {
            assertEquals(0f, weights[j], "new connection " + j + " at run " + i);
            grown++;
          }
        }
      }
      assertEquals(true, grown > 0, "some connections were grown");
    }
  }

  @Test
  void updateStepsFollowPostIncrementGlobalStep() {
    // (begin, end, freq) = (0, 4, 1): SET tests the post-increment global step, so it updates at gs 1, 2, 3, 4.
    try (OneLayerGraph g = setGraph(new SetMethod(), 4, 6, 0.5, 0, 4, 1)) {
      for (int i = 1; i <= 6; i++) {
        var result = g.session.runner().addTarget(g.step.trainOp()).fetch(g.step.isMaskUpdate()).fetch(g.step.dropFraction()).run();
        boolean updated = ((org.tensorflow.types.TBool) result.get(0)).getBoolean();
        float fraction = ((org.tensorflow.types.TFloat32) result.get(1)).getFloat();
        result.close();
        assertEquals(i <= 4, updated, "gs " + i);
        assertEquals(i <= 4 ? 0.5f : 0f, fraction, "logged drop fraction at gs " + i);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"15, 25, 0.5", "15, 25, 0.2", "3, 5, 0.2"})
  void staticNeverChangesMask(int nIn, int nOut, double drop) {
    try (OneLayerGraph g = setGraph(new StaticMethod(), nIn, nOut, drop, 1, 4, 2)) {
      for (int i = 0; i < 5; i++) {
        float[] before = floats(g.session, g.layer.mask());
        g.session.run(g.step.trainOp());
        assertArrayEquals(before, floats(g.session, g.layer.mask()));
      }
    }
  }
}
