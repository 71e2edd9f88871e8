package org.rigl.models.layers;

import org.rigl.core.mask.MaskedWeights;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A layer's weight: either a masked layer (the layer computes with {@code mask * W}) or a plain
 * variable (the reference's 'baseline' layers).
 */
public record Kernel(Variable<TFloat32> variable, MaskedWeights masked) {

  public static Kernel of(MaskedWeights masked) {
    return new Kernel(masked.weights(), masked);
  }

  public static Kernel plain(Variable<TFloat32> variable) {
    return new Kernel(variable, null);
  }

  public boolean isMasked() {
    return masked != null;
  }

  public Shape shape() {
    return variable.shape();
  }

  /** The tensor the layer multiplies with: {@code mask * W}, or W itself. */
  public Operand<TFloat32> value(Ops tf) {
    return masked != null ? masked.maskedWeights() : tf.identity(variable);
  }
}
