package org.rigl.core.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * TF1's {@code tf.clip_by_global_norm(t_list, clip_norm)} as a {@link GradientTransform}, with its
 * op order: {@code norm = sqrt(2 * sum(l2_loss(t)))}, {@code scale = clip_norm * min(1 / norm,
 * 1 / clip_norm) + (norm - norm)} (the last term makes a non-finite norm give NaN gradients, as in
 * TF), every gradient times {@code scale}.
 */
public final class ClipByGlobalNorm implements GradientTransform {
  private final float clipNorm;

  public ClipByGlobalNorm(double clipNorm) {
    if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
      throw new IllegalArgumentException("clip norm must be positive and finite, got " + clipNorm);
    }
    this.clipNorm = (float) clipNorm;
  }

  /** TF1's {@code tf.linalg.global_norm}: the L2 norm of all tensors together. */
  public static Operand<TFloat32> globalNorm(Ops tf, List<? extends Operand<TFloat32>> tensors) {
    List<Operand<TFloat32>> halfSquaredNorms = new ArrayList<>();
    for (Operand<TFloat32> t : tensors) {
      halfSquaredNorms.add(tf.nn.l2Loss(t));
    }
    Operand<TFloat32> halfSquared = tf.reduceSum(tf.stack(halfSquaredNorms), tf.constant(0));
    return tf.math.sqrt(tf.math.mul(halfSquared, tf.constant(2f)));
  }

  @Override
  public List<GradientAndVariable> apply(Ops tf, List<GradientAndVariable> gradients) {
    if (gradients.isEmpty()) {
      return gradients;
    }
    Operand<TFloat32> norm = globalNorm(tf, gradients.stream().map(GradientAndVariable::gradient).toList());
    Operand<TFloat32> finiteScale =
        tf.math.mul(
            tf.constant(clipNorm),
            tf.math.minimum(tf.math.div(tf.constant(1f), norm), tf.math.div(tf.constant(1f), tf.constant(clipNorm))));
    Operand<TFloat32> scale = tf.math.add(finiteScale, tf.math.sub(norm, norm));
    List<GradientAndVariable> clipped = new ArrayList<>();
    for (GradientAndVariable gv : gradients) {
      clipped.add(gv.withGradient(tf.math.mul(gv.gradient(), scale)));
    }
    return clipped;
  }
}
