package org.rigl.core.update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.Gradients;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * SNFS without redistribution (Dettmers &amp; Zettlemoyer 2019), the reference's
 * {@code SparseMomentumOptimizer}: grows where |EMA of dL/d(mask*W)| is largest. The EMA is TF's
 * {@code ExponentialMovingAverage(decay=momentum)} (shadow starts at 0, no debiasing), updated on
 * every iteration before the weight step: {@code ema -= (1 - m) * (ema - g)}.
 */
public final class SnfsMethod implements DynamicMethod {
  private final float momentum;
  private final Map<String, Variable<TFloat32>> averages = new LinkedHashMap<>();

  public SnfsMethod(float momentum) {
    this.momentum = momentum;
  }

  @Override
  public String name() {
    return "momentum";
  }

  @Override
  public boolean usesMaskedGradients() {
    return true;
  }

  @Override
  public List<Op> prepare(Ops tf, List<MaskedWeights> layers, Gradients gradients) {
    List<Op> updates = new ArrayList<>();
    for (MaskedWeights layer : layers) {
      Variable<TFloat32> shadow =
          ScopedNames.variable(tf, layer.scope() + "/masked_weight_grad/ExponentialMovingAverage", tf.zeros(tf.constant(layer.shape()), TFloat32.class));
      averages.put(layer.weightsName(), shadow);
      Operand<TFloat32> delta =
          tf.math.mul(tf.math.sub(shadow, gradients.maskedGradient(tf, layer)), tf.constant(1f - momentum));
      updates.add(tf.assignSub(shadow, delta));
    }
    return updates;
  }

  /** The moving average of a layer's masked gradient (after this step's update). */
  public Variable<TFloat32> average(MaskedWeights layer) {
    return averages.get(layer.weightsName());
  }

  @Override
  public Operand<TFloat32> growScore(UpdateContext ctx, MaskedWeights layer) {
    return ctx.tf().math.abs(average(layer));
  }
}
