package org.rigl.core.update;

import org.rigl.core.mask.MaskedWeights;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * RigL (Evci et al. 2020): grows where |dL/d(mask*W)| of the current batch is largest; new
 * connections' slots start at {@code rigl_acc_scale * gradient}; update iterations skip the
 * weight step.
 */
public final class RigLMethod implements DynamicMethod {
  private final float initialAccScale;

  public RigLMethod(float initialAccScale) {
    this.initialAccScale = initialAccScale;
  }

  @Override
  public String name() {
    return "rigl";
  }

  @Override
  public Operand<TFloat32> growScore(UpdateContext ctx, MaskedWeights layer) {
    return ctx.tf().math.abs(ctx.maskedGradient(layer));
  }

  @Override
  public Operand<TFloat32> slotReset(UpdateContext ctx, MaskedWeights layer) {
    Ops tf = ctx.tf();
    return tf.math.mul(ctx.maskedGradient(layer), tf.constant(initialAccScale));
  }

  @Override
  public boolean skipsWeightStepOnUpdate() {
    return true;
  }

  @Override
  public boolean usesMaskedGradients() {
    return true;
  }
}
