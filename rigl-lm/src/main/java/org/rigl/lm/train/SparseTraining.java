package org.rigl.lm.train;

import java.util.List;
import java.util.Map;
import org.rigl.core.mask.MaskInitializer;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.TrainStep;
import org.rigl.core.train.WrappedOptimizer;
import org.rigl.core.update.DnwOptimizer;
import org.rigl.core.update.DropFractionSchedule;
import org.rigl.core.update.DynamicSparseOptimizer;
import org.rigl.core.update.GrowInit;
import org.rigl.core.update.MagnitudePruning;
import org.rigl.core.update.SnipOptimizer;
import org.rigl.core.update.SparseMethod;
import org.rigl.core.update.UpdateSchedule;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Wires one training step for any {@link TrainingMethod}, as the reference's
 * {@code train_function} does: the optimizer alone (baseline, scratch), wrapped by a dynamic
 * sparse optimizer (set, momentum, rigl, static), SNIP, DNW, or followed by gradual magnitude
 * pruning (prune). {@code transform} (gradient clipping) applies to the gradients the optimizer
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
      WrappedOptimizer optimizer,
      GradientTransform transform,
      SparseOptions o) {
    TrainingMethod method = o.trainingMethod();
    Map<String, Double> sparsities =
        method.needsSparsityDistribution()
            ? MaskInitializer.sparsities(masks, o.maskInitMethod(), o.endSparsity(), Map.of(), o.erkPowerScale())
            : Map.of();
    UpdateSchedule schedule = new UpdateSchedule(o.maskupdateBeginStep(), o.maskupdateEndStep(), o.maskupdateFrequency());
    TrainStep step;
    if (method.isDynamic()) {
      SparseMethod sparse = SparseMethod.parse(method.flagName(), o.sMomentum(), o.riglAccScale());
      step =
          new DynamicSparseOptimizer(
                  optimizer,
                  sparse,
                  schedule,
                  DropFractionSchedule.parse(o.dropFractionAnneal(), o.dropFraction(), schedule),
                  GrowInit.parse(o.growInit(), sparse.usesMaskedGradients()),
                  o.seed())
              .build(tf, loss, masks, others, globalStep, transform);
    } else if (method == TrainingMethod.SNIP) {
      step = new SnipOptimizer(optimizer, sparsities).build(tf, loss, masks, others, globalStep, transform);
    } else if (method == TrainingMethod.DNW) {
      step = new DnwOptimizer(optimizer, sparsities).build(tf, loss, masks, others, globalStep, transform);
    } else {
      step = plain(tf, loss, masks, others, globalStep, optimizer, transform);
      if (method == TrainingMethod.PRUNE) {
        Op pruned = new MagnitudePruning(schedule, o.endSparsity(), Map.of(), 0).build(tf, step.trainOp(), masks, globalStep);
        step = new TrainStep(pruned, step.dropFraction(), step.isMaskUpdate(), step.gradients());
      }
    }
    Op init = method.initialisesMasks() ? MaskInitializer.assignRandom(tf, masks, sparsities, o.seed()) : null;
    return new Step(step.trainOp(), step.dropFraction(), step.gradients(), init, sparsities);
  }

  /** The optimizer's step on every variable, then global_step += 1. */
  private static TrainStep plain(
      Ops tf,
      Operand<TFloat32> loss,
      MaskRegistry masks,
      List<Variable<TFloat32>> others,
      Variable<TInt64> globalStep,
      WrappedOptimizer optimizer,
      GradientTransform transform) {
    Gradients gradients = Gradients.compute((Graph) tf.scope().env(), loss, masks.layers(), others);
    List<Op> applied = optimizer.applyGradients(tf, transform.apply(tf, gradients.variableGradients()));
    Op increment = tf.withControlDependencies(applied).assignAdd(globalStep, tf.constant(1L));
    return new TrainStep(increment, tf.constant(0f), tf.constant(false), gradients);
  }
}
