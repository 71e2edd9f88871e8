package org.rigl.core.update;

import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.TrainStep;
import org.rigl.core.train.WeightOptimizer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TInt64;

/** The {@code prune} method: a dense step, then {@link MagnitudePruning} with the incremented step. */
public final class PruningStep implements StepBuilder {
  private final DenseStep dense;
  private final MagnitudePruning pruning;

  public PruningStep(WeightOptimizer optimizer, MagnitudePruning pruning) {
    this.dense = new DenseStep(optimizer);
    this.pruning = pruning;
  }

  @Override
  public TrainStep build(
      Ops tf, Gradients gradients, MaskRegistry masks, Variable<TInt64> globalStep, GradientTransform transform) {
    TrainStep step = dense.build(tf, gradients, masks, globalStep, transform);
    Op pruned = pruning.build(tf, step.trainOp(), masks, globalStep);
    return new TrainStep(pruned, step.dropFraction(), step.isMaskUpdate(), step.gradients());
  }
}
