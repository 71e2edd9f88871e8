package org.rigl.core.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.rigl.core.TensorValues.floats;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Random draws are keyed by (seed, layer, step): separate graphs give identical runs. */
@Tag("fast")
class DeterminismTest {

  private static float[][] runSet(long seedOffset) {
    try (OneLayerGraph g = OneLayerGraph.withUniformInput(20, 30)) {
      UpdateSchedule schedule = new UpdateSchedule(0, 10, 2);
      g.buildDynamic(0.1f, OneLayerGraph::meanLoss, new SetMethod(), schedule, "cosine", 0.3, "random_normal", seedOffset);
      g.randomHalfMask(5);
      for (int i = 0; i < 8; i++) {
        g.session.run(g.step.trainOp());
      }
      return new float[][] {floats(g.session, g.layer.mask()), floats(g.session, g.layer.weights())};
    }
  }

  @Test
  void sameSeedSameMasksAndWeights() {
    float[][] first = runSet(42);
    float[][] second = runSet(42);
    assertArrayEquals(first[0], second[0]);
    assertArrayEquals(first[1], second[1]);
    float[][] other = runSet(43);
    assertFalse(Arrays.equals(first[0], other[0]), "another seed grows elsewhere");
  }

  @Test
  void staticReinitialisesEveryRegrownConnection() {
    try (OneLayerGraph g = OneLayerGraph.withUniformInput(10, 12)) {
      UpdateSchedule schedule = new UpdateSchedule(1, 1, 1);
      g.buildDynamic(0.1f, OneLayerGraph::meanLoss, new StaticMethod(), schedule, "constant", 0.5, "zeros", 0);
      g.randomHalfMask(9);
      float[] mask = floats(g.session, g.layer.mask());
      int ones = 0;
      for (float m : mask) {
        ones += (int) m;
      }
      g.session.run(g.step.trainOp()); // gs 0 -> 1 then the update at gs 1
      assertArrayEquals(mask, floats(g.session, g.layer.mask()), "static keeps the mask");
      float[] weights = floats(g.session, g.layer.weights());
      int zeroed = 0;
      for (int i = 0; i < mask.length; i++) {
        if (mask[i] == 1 && weights[i] == 0f) {
          zeroed++;
        }
      }
      assertEquals((int) (ones * 0.5f), zeroed, "the dropped half is regrown at zero");
    }
  }
}
