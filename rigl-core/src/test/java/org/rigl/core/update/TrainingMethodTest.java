package org.rigl.core.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rigl.core.TensorValues.floats;
import static org.rigl.core.TensorValues.int64;
import static org.rigl.core.TensorValues.sum;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.MomentumOptimizer;
import org.rigl.core.train.TrainStep;

/** Every --training_method builds a step that trains and leaves the masks as the method says. */
@Tag("fast")
class TrainingMethodTest {

  private static SparseTrainingConfig config(String method) {
    return SparseTrainingConfig.builder(TrainingMethod.parse(method)).endSparsity(0.75).maskInitMethod("random")
        .maskUpdates(0, 6, 2).pruning(2, 6, 2).seed(7).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"scratch", "baseline", "snip", "dnw", "set", "momentum", "rigl", "static", "prune"})
  void everyMethodTrains(String method) {
    try (OneLayerGraph g = OneLayerGraph.withUniformInput(8, 10)) {
      SparseTrainingConfig c = config(method);
      TrainStep step = c.buildStep(g.tf, new MomentumOptimizer(g.tf.constant(0.1f), 0.9f, true),
          g.gradients(OneLayerGraph.meanLoss(g.tf, g.output, g.globalStep)), g.masks, g.globalStep,
          GradientTransform.identity());
      c.maskInit(g.tf, g.masks).ifPresent(g.session::run);
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
    List<TrainingMethod> imagenet = TrainingMethod.named("scratch", "baseline", "snip", "dnw", "set", "momentum", "rigl", "static");
    var e = assertThrows(IllegalArgumentException.class, () -> TrainingMethod.parse("prune", imagenet));
    assertTrue(e.getMessage().contains("'prune'") && e.getMessage().contains("rigl"), e.getMessage());
    try (OneLayerGraph g = OneLayerGraph.withUniformInput(2, 2)) {
      SparseTrainingConfig noInit = SparseTrainingConfig.builder(TrainingMethod.RIGL).endSparsity(0.5).maskInitMethod("")
          .erkPowerScale(1).maskUpdates(0, 10, 1).build();
      var missing = assertThrows(IllegalArgumentException.class, () -> noInit.maskInit(g.tf, g.masks));
      assertTrue(missing.getMessage().contains("--mask_init_method"), missing.getMessage());
    }
  }
}
