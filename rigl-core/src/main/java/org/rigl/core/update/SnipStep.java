package org.rigl.core.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rigl.core.graph.GraphCond;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.GradientAndVariable;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.TrainStep;
import org.rigl.core.train.WeightOptimizer;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * SNIP (Lee et al. 2019), port of {@code SparseSnipOptimizer}: on the first iteration (gs == 0
 * and not yet snipped) keep the top {@code n - floor(s n)} of |dL/dW * W| per layer, apply no
 * gradient and leave gs at 0; afterwards train normally with the fixed masks.
 */
public final class SnipStep implements StepBuilder {
  private final WeightOptimizer optimizer;
  private final Map<String, Double> sparsities;
  private Variable<TBool> isSnipped;

  /** {@code sparsities}: target per mask name, e.g. from the sparsity distribution. */
  public SnipStep(WeightOptimizer optimizer, Map<String, Double> sparsities) {
    this.optimizer = optimizer;
    this.sparsities = sparsities;
  }

  /** The {@code is_snipped} flag (created by {@link #build}). */
  public Variable<TBool> isSnipped() {
    return isSnipped;
  }

  /** The step from precomputed {@code gradients} (e.g. the towers' average). */
  @Override
  public TrainStep build(
      Ops tf, Gradients gradients, MaskRegistry masks, Variable<TInt64> globalStep, GradientTransform transform) {
    List<GradientAndVariable> toApply = transform.apply(tf, gradients.variableGradients());
    optimizer.createSlots(tf, gradients.variableGradients().stream().map(GradientAndVariable::variable).toList());
    isSnipped = tf.withName("is_snipped").variable(tf.constant(false));
    Operand<TBool> snipNow =
        tf.math.logicalAnd(tf.math.equal(globalStep, tf.constant(0L)), tf.math.logicalNot(isSnipped));
    Op step =
        GraphCond.cond(
            tf,
            snipNow,
            t -> {
              List<Op> assigns = new ArrayList<>();
              for (int l = 0; l < masks.layers().size(); l++) {
                MaskedWeights layer = masks.layers().get(l);
                Operand<TFloat32> grad = toApply.get(l).gradient();
                Operand<TFloat32> score = t.math.abs(t.math.mul(grad, layer.weights()));
                assigns.add(t.assign(layer.mask(), TopKMask.keepDense(t, score, SparsityTargets.of(sparsities, layer))));
              }
              return List.of(t.withControlDependencies(assigns).assign(isSnipped, t.constant(true)));
            },
            f -> {
              List<Op> applied = optimizer.applyGradients(f, toApply);
              return List.of(f.withControlDependencies(applied).assignAdd(globalStep, f.constant(1L)));
            },
            "snip_step");
    return new TrainStep(step, tf.constant(0f), snipNow, gradients);
  }
}
