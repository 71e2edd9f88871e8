package org.rigl.core.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.core.TensorValues;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;

@Tag("fast")
class MaskStatisticsTest {
  // 3 ones of 6 and 1 one of 4: 6 zeros of 10.
  private static final float[] FIRST = {1, 0, 1, 0, 0, 1};
  private static final float[] SECOND = {0, 0, 0, 1};

  /** A registry with the masks FIRST (shape [2, 3]) and SECOND (shape [4]) set in the session. */
  private static MaskRegistry twoMasks(Ops tf, Session session) {
    MaskRegistry masks = new MaskRegistry(0);
    MaskedWeights a = masks.create(tf, "a", Shape.of(2, 3), WeightInitializer.zeros());
    MaskedWeights b = masks.create(tf, "b", Shape.of(4), WeightInitializer.zeros());
    session.run(tf.assign(a.mask(), tf.constant(a.shape(), DataBuffers.of(FIRST))));
    session.run(tf.assign(b.mask(), tf.constant(b.shape(), DataBuffers.of(SECOND))));
    return masks;
  }

  @Test
  void graphOpsCountOnesAndZerosOfEveryMask() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      MaskRegistry masks = twoMasks(tf, s);
      assertEquals(1f - 4f / 10f, TensorValues.scalar(s, MaskStatistics.calculateSparsity(tf, masks)));
      assertEquals(1f - 4f / 10f, TensorValues.scalar(s, MaskStatistics.globalSparsity(tf, masks)));
      assertEquals(0.5f, TensorValues.scalar(s, MaskStatistics.zeroFraction(tf, masks.layers().get(0).mask())));
      assertEquals(0.75f, TensorValues.scalar(s, MaskStatistics.zeroFraction(tf, masks.layers().get(1).mask())));
      assertEquals(Map.of("a/mask", 0.5, "b/mask", 0.75), MaskStatistics.zeroFractions(s, masks));
      assertEquals(List.of("a/mask", "b/mask"), List.copyOf(MaskStatistics.zeroFractions(s, masks).keySet()));
    }
  }

  @Test
  void globalSparsityWithoutMasksIsTheReferencesNaN() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      MaskRegistry none = new MaskRegistry(0);
      assertTrue(Float.isNaN(TensorValues.scalar(s, MaskStatistics.calculateSparsity(tf, none))));
      assertTrue(Float.isNaN(TensorValues.scalar(s, MaskStatistics.globalSparsity(tf, none))));
    }
  }

  @Test
  void countsZerosAndNonZeros() {
    assertEquals(3, MaskStatistics.countZeros(FIRST));
    assertEquals(3, MaskStatistics.countNonZeros(FIRST));
    assertEquals(1, MaskStatistics.countNonZeros(SECOND));
    // A kernel's live connections: any value but zero counts.
    assertEquals(2, MaskStatistics.countNonZeros(new float[] {-0.5f, 0f, -0f, 2f}));
  }

  @Test
  void zeroFractionOfOneMaskAndPooledOverMasks() {
    assertEquals(0.5, MaskStatistics.zeroFraction(FIRST));
    assertEquals(0.75, MaskStatistics.zeroFraction(SECOND));
    assertEquals(0.0, MaskStatistics.zeroFraction(new float[0]));
    assertEquals(0.6, MaskStatistics.zeroFraction(List.of(FIRST, SECOND)));
    assertEquals(0.0, MaskStatistics.zeroFraction(List.of()));
  }

  @Test
  void sparsityFromOnesRoundsAsOneMinusDensity() {
    assertEquals(0.6, MaskStatistics.sparsity(4, 10));
    assertEquals(0.0, MaskStatistics.sparsity(0, 0));
    // 1 - 2/3 rounds differently from 1/3: each caller keeps its own formula.
    assertEquals(0.33333333333333337, MaskStatistics.sparsity(2, 3));
    assertEquals(0.3333333333333333, MaskStatistics.zeroFraction(new float[] {0, 1, 1}));
  }

  @Test
  void calculateSparsityPoolsAllMasks() {
    float[] a = {1, 0, 0, 1};        // 2 ones of 4
    float[] b = {0, 0, 0, 0, 0, 1};  // 1 one of 6
    assertEquals(1f - 3f / 10f, MaskStatistics.calculateSparsity(List.of(a, b)));
    assertEquals(0f, MaskStatistics.calculateSparsity(List.of(new float[] {1, 1, 1})));
  }

  @Test
  void sizeWeightedZeroFractionRoundsEachMasksFractionFirst() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      MaskRegistry masks = new MaskRegistry(0);
      masks.create(tf, "a", Shape.of(22), WeightInitializer.zeros());
      masks.create(tf, "b", Shape.of(2), WeightInitializer.zeros());
      // 15 zeros of 22 and none of 2: 15/22 * 22 is not 15 in double, so the mean is 0.6249999999999999, not 0.625.
      Map<String, Double> fractions = Map.of("a/mask", 15.0 / 22, "b/mask", 0.0);
      assertEquals(0.6249999999999999, MaskStatistics.sizeWeightedZeroFraction(fractions, masks));
      assertEquals(0.0, MaskStatistics.sizeWeightedZeroFraction(Map.of(), new MaskRegistry(0)));
    }
  }
}
