package org.rigl.models.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * {@code tf.losses.get_regularization_loss()} over kernels carrying contrib's
 * {@code l2_regularizer(weight_decay)}: {@code add_n(weight_decay * sum(W^2) / 2)} in creation
 * order. Full kernels, masked entries included; batch-norm parameters and biases are not decayed.
 */
public final class L2Regularization {
  private L2Regularization() {}

  public static Operand<TFloat32> loss(Ops tf, List<Variable<TFloat32>> kernels, float weightDecay) {
    return ofValues(tf, kernels.stream().<Operand<TFloat32>>map(tf::identity).toList(), weightDecay);
  }

  /** The same sum over tensors: a kernel's values, or only a sparse layer's active weights. */
  public static Operand<TFloat32> ofValues(Ops tf, List<Operand<TFloat32>> kernels, float weightDecay) {
    if (kernels.isEmpty() || weightDecay == 0f) {
      // contrib's l2_regularizer(0.) adds no loss at all.
      return tf.constant(0f);
    }
    List<Operand<TFloat32>> terms = new ArrayList<>();
    for (Operand<TFloat32> kernel : kernels) {
      terms.add(tf.math.mul(tf.constant(weightDecay), tf.nn.l2Loss(kernel)));
    }
    return terms.size() == 1 ? terms.get(0) : tf.math.addN(terms);
  }
}
