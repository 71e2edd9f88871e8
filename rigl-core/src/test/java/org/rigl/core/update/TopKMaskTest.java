package org.rigl.core.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.rigl.core.TensorValues.floats;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * The top-k mask asks TopKV2 for k = count; it must select exactly what the reference's full sort
 * (k = n, ones in the first count positions) selects: the highest scores, lower index first on ties.
 */
@Tag("fast")
class TopKMaskTest {

  /** The reference's selection, in plain Java: a stable descending sort, ones at the first count. */
  private static float[] fullSortSelection(float[] scores, int count) {
    Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
    java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
    float[] mask = new float[scores.length];
    for (int i = 0; i < count; i++) {
      mask[order[i]] = 1f;
    }
    return mask;
  }

  @Test
  void selectsWhatAFullSortSelectsWithTiesByLowerIndex() {
    SplittableRandom random = new SplittableRandom(11);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      for (int trial = 0; trial < 40; trial++) {
        int n = 1 + random.nextInt(5000);
        float[] scores = new float[n];
        int levels = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
          // Few distinct values, as zero gradients or the lifted min(s) - 1 make them: many ties.
          scores[i] = trial % 2 == 0 ? random.nextInt(levels) : (float) random.nextGaussian();
        }
        for (int count : new int[] {0, 1, random.nextInt(n + 1), n / 3, n}) {
          float[] mask = floats(s, TopKMask.ones(tf, tf.constant(scores), tf.constant(count), n));
          assertArrayEquals(fullSortSelection(scores, count), mask, "n=" + n + " count=" + count + " trial " + trial);
        }
      }
    }
  }
}
