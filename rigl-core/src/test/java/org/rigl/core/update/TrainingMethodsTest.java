package org.rigl.core.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rigl.core.TensorValues.floats;
import static org.rigl.core.TensorValues.int64;
import static org.rigl.core.TensorValues.sum;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.rigl.core.train.MomentumOptimizer;
import org.rigl.core.train.TrainStep;

/** Every --training_method builds a step that trains and leaves the masks as the method says. */
@Tag("fast")
class TrainingMethodsTest {

  private static SparseTrainingConfig config(String method) {
    return new SparseTrainingConfig(method, 0.75, "random", 1.0, Map.of(), 0.3, "constant", "zeros", 0.9, 0,
        0, 6, 2, 2, 6, 2, 0, 7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scratch", "baseline", "snip", "dnw", "set", "momentum", "rigl", "static", "prune"})
  void everyMethodTrains(String method) {
    try (OneLayerGraph g = OneLayerGraph.withUniformInput(8, 10)) {
      SparseTrainingConfig c = config(method);
      TrainStep step = TrainingMethods.build(g.tf, c, new MomentumOptimizer(g.tf.constant(0.1f), 0.9f, true),
          OneLayerGraph.meanLoss(g.tf, g.output, g.globalStep), g.masks, List.of(), g.globalStep);
      TrainingMethods.maskInit(g.tf, c, g.masks).ifPresent(g.session::run);
      float[] initial = floats(g.session, g.layer.weights());
      for (int i = 0; i < 10; i++) {
        g.session.run(step.trainOp());
      }
      double ones = sum(floats(g.session, g.layer.mask()));
      switch (method) {
        case "baseline" -> assertEquals(80.0, ones, "dense masks stay dense");
        case "prune" -> assertEquals(20.0, ones, "pruned to the target 75% by the end step");
        default -> assertEquals(20.0, ones, "80 - floor(0.75 * 80) ones");
      }
      // RigL spends 4 of the 10 runs (gs 0, 2, 4, 6) on mask updates without a step.
      assertEquals(method.equals("rigl") ? 6 : method.equals("snip") ? 9 : 10, int64(g.session, g.globalStep));
      assertTrue(!java.util.Arrays.equals(initial, floats(g.session, g.layer.weights())), "weights trained");
    }
  }

  @Test
  void badMethodsAndMissingMaskInitAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> TrainingMethods.check("prune", TrainingMethods.IMAGENET));
    assertTrue(e.getMessage().contains("'prune'") && e.getMessage().contains("rigl"), e.getMessage());
    try (OneLayerGraph g = OneLayerGraph.withUniformInput(2, 2)) {
      SparseTrainingConfig noInit = new SparseTrainingConfig("rigl", 0.5, "", 1, Map.of(), 0.3, "constant", "zeros", 0.9,
          0, 0, 10, 1, 0, 0, 1, 0, 0);
      var missing = assertThrows(IllegalArgumentException.class, () -> TrainingMethods.maskInit(g.tf, noInit, g.masks));
      assertTrue(missing.getMessage().contains("--mask_init_method"), missing.getMessage());
    }
  }
}
