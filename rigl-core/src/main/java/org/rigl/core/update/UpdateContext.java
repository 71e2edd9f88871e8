package org.rigl.core.update;

import org.rigl.core.graph.StatelessSeeds;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.WeightOptimizer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * What a mask update may read: the ops builder of the update branch, the global step seen by the
 * predicate, the drop fraction, each layer's gradient w.r.t. {@code mask * W} of this batch, the
 * wrapped optimizer's slots, and the seed offset of the stateless random draws.
 */
public record UpdateContext(
    Ops tf,
    Operand<TInt64> globalStep,
    Operand<TFloat32> dropFraction,
    Gradients gradients,
    WeightOptimizer optimizer,
    long seedOffset) {

  /** dL/d(mask*W) of this layer (dense: also non-zero where the mask is 0; no L2 term). */
  public Operand<TFloat32> maskedGradient(MaskedWeights layer) {
    return gradients.maskedGradient(tf, layer);
  }

  /** Stateless seed keyed by (seed offset, weight name, tag, global step). */
  public Operand<TInt64> seed(MaskedWeights layer, String tag) {
    return StatelessSeeds.seed(tf, seedOffset, layer.weightsName(), tag, globalStep);
  }

  public Operand<TFloat32> randomUniform(MaskedWeights layer, String tag) {
    return tf.random.statelessRandomUniform(tf.constant(layer.shape()), seed(layer, tag), TFloat32.class);
  }

  public Operand<TFloat32> randomNormal(MaskedWeights layer, String tag) {
    return tf.random.statelessRandomNormal(tf.constant(layer.shape()), seed(layer, tag), TFloat32.class);
  }
}
