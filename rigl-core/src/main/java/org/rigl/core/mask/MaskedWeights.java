package org.rigl.core.mask;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One masked layer's state, named as the reference's contrib masked layers name it under the
 * layer scope {@code S}: {@code S/mask} (float32, ones), {@code S/weights}, {@code S/threshold}
 * (scalar 0, unused by RigL but present in the reference's checkpoints) and the tensor
 * {@code mask * weights} the layer computes with.
 */
public record MaskedWeights(
    String scope,
    Variable<TFloat32> mask,
    Variable<TFloat32> weights,
    Variable<TFloat32> threshold,
    Operand<TFloat32> maskedWeights,
    WeightInitializer initializer) {

  /** The mask variable's name, {@code S/mask}: the key of per-layer sparsity maps. */
  public String maskName() {
    return mask.op().name();
  }

  /** The weight variable's name, {@code S/weights}: the key of this layer's random draws. */
  public String weightsName() {
    return weights.op().name();
  }

  public Shape shape() {
    return weights.shape();
  }
}
