package org.rigl.core.update;

import org.rigl.core.mask.MaskedWeights;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** SET (Mocanu et al. 2018): grows uniformly at random. */
public final class SetMethod implements DynamicMethod {
  @Override
  public String name() {
    return "set";
  }

  @Override
  public Operand<TFloat32> growScore(UpdateContext ctx, MaskedWeights layer) {
    return ctx.randomUniform(layer, "grow");
  }
}
