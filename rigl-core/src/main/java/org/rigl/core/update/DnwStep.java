package org.rigl.core.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * DNW (Wortsman et al. 2019), port of {@code SparseDNWOptimizer}: W is updated with the dense
 * straight-through gradient dL/d(mask*W), then every mask keeps the top {@code n - floor(s n)}
 * of |W|, on every iteration.
 */
public final class DnwStep implements StepBuilder {
  private final WeightOptimizer optimizer;
  private final Map<String, Double> sparsities;

  public DnwStep(WeightOptimizer optimizer, Map<String, Double> sparsities) {
    this.optimizer = optimizer;
    this.sparsities = sparsities;
  }

  /** The step from precomputed {@code gradients} (e.g. the towers' average). */
  @Override
  public TrainStep build(
      Ops tf, Gradients gradients, MaskRegistry masks, Variable<TInt64> globalStep, GradientTransform transform) {
    List<GradientAndVariable> straightThrough = new ArrayList<>();
    for (GradientAndVariable gv : gradients.variableGradients()) {
      Operand<TFloat32> masked = gradients.maskedWeightGradients().get(gv.variable().op().name());
      straightThrough.add(masked == null ? gv : new GradientAndVariable(masked, gv.variable()));
    }
    Gradients used = new Gradients(gradients.maskedWeightGradients(), straightThrough);
    List<Op> applied = optimizer.applyGradients(tf, transform.apply(tf, straightThrough));
    Ops after = tf.withControlDependencies(List.of(tf.withControlDependencies(applied).assignAdd(globalStep, tf.constant(1L))));
    List<Op> assigns = new ArrayList<>();
    for (MaskedWeights layer : masks.layers()) {
      Operand<TFloat32> score = after.math.abs(layer.weights());
      assigns.add(after.assign(layer.mask(), TopKMask.keepDense(after, score, SparsityTargets.of(sparsities, layer))));
    }
    Op step = tf.withControlDependencies(assigns).noOp();
    return new TrainStep(step, tf.constant(0f), tf.constant(true), used);
  }
}
