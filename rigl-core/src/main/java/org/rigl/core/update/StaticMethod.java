package org.rigl.core.update;

import org.rigl.core.mask.MaskedWeights;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Static sparse training with re-initialisation: the grow score is the old mask, so exactly the
 * dropped connections come back (the mask never changes) with fresh {@code grow_init} values.
 */
public final class StaticMethod implements DynamicMethod {
  @Override
  public String name() {
    return "static";
  }

  @Override
  public Operand<TFloat32> growScore(UpdateContext ctx, MaskedWeights layer) {
    return layer.mask();
  }

  @Override
  public boolean reinitWhenSame() {
    return true;
  }
}
