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

/** A plain optimizer step and {@code gs += 1}; masks untouched (baseline, scratch). */
public final class DenseStep implements StepBuilder {
  private final WeightOptimizer optimizer;

  public DenseStep(WeightOptimizer optimizer) {
    this.optimizer = optimizer;
  }

  @Override
  public TrainStep build(
      Ops tf, Gradients gradients, MaskRegistry masks, Variable<TInt64> globalStep, GradientTransform transform) {
    Op step = tf.withControlDependencies(optimizer.applyGradients(tf, transform.apply(tf, gradients.variableGradients())))
        .assignAdd(globalStep, tf.constant(1L));
    return new TrainStep(step, tf.constant(0f), tf.constant(false), gradients);
  }
}
