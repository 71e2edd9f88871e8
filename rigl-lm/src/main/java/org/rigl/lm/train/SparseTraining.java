package org.rigl.lm.train;

import java.util.List;
import java.util.Map;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.TrainStep;
import org.rigl.core.train.WeightOptimizer;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethods;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Wires one training step for any {@link TrainingMethod} through the engine's
 * {@link TrainingMethods}, as the reference's {@code train_function} does. {@code transform} (gradient clipping) applies to the gradients the optimizer
 * steps with, never to the masked-weight gradients RigL and SNFS grow with.
 */
public final class SparseTraining {
  private SparseTraining() {}

  /**
   * The step and what belongs with it. {@code initMasks}: the op assigning the initial random
   * masks (null when the method starts dense); run once on a fresh start, never on resume.
   */
  public record Step(Op trainOp, Operand<TFloat32> dropFraction, Gradients gradients, Op initMasks, Map<String, Double> sparsities) {}

  public static Step build(
      Ops tf,
      Operand<TFloat32> loss,
      MaskRegistry masks,
      List<Variable<TFloat32>> others,
      Variable<TInt64> globalStep,
      WeightOptimizer optimizer,
      GradientTransform transform,
      SparseOptions o) {
    // The LM has no prune flags of its own: pruning follows the mask-update schedule.
    SparseTrainingConfig config = new SparseTrainingConfig(o.trainingMethod().flagName(), o.endSparsity(),
        o.maskInitMethod(), o.erkPowerScale(), Map.of(), o.dropFraction(), o.dropFractionAnneal(), o.growInit(),
        o.sMomentum(), o.riglAccScale(), o.maskupdateBeginStep(), o.maskupdateEndStep(), o.maskupdateFrequency(),
        o.maskupdateBeginStep(), o.maskupdateEndStep(), o.maskupdateFrequency(), 0, o.seed());
    Map<String, Double> sparsities =
        o.trainingMethod().needsSparsityDistribution() ? TrainingMethods.sparsities(config, masks) : Map.of();
    TrainStep step = TrainingMethods.build(tf, config, optimizer, loss, masks, others, globalStep, transform);
    Op init = TrainingMethods.maskInit(tf, config, masks).orElse(null);
    return new Step(step.trainOp(), step.dropFraction(), step.gradients(), init, sparsities);
  }
}
