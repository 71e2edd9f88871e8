package org.rigl.core.update;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The reference's top-k mask construction, shared by the drop/grow kernel, SNIP and DNW: a full
 * descending sort ({@code top_k} with k = n, lower index first on ties) and a scatter of ones into
 * the first {@code count} sorted positions.
 */
public final class TopKMask {
  private TopKMask() {}

  /** A flat 0/1 vector of length {@code n} with ones at the {@code count} highest {@code scores}. */
  public static Operand<TFloat32> ones(Ops tf, Operand<TFloat32> scores, Operand<TInt32> count, int n) {
    Operand<TInt32> order = tf.nn.topK(tf.reshape(scores, tf.constant(new int[] {-1})), tf.constant(n), TInt32.class).indices();
    Operand<TFloat32> values =
        tf.select(
            tf.math.less(tf.range(tf.constant(0), tf.constant(n), tf.constant(1)), count),
            tf.ones(tf.constant(new int[] {n}), TFloat32.class),
            tf.zeros(tf.constant(new int[] {n}), TFloat32.class));
    return tf.scatterNd(tf.expandDims(order, tf.constant(1)), values, tf.constant(new int[] {n}));
  }

  /** {@link #ones} keeping {@code n - floor(sparsity * n)} entries, reshaped like {@code scores}. */
  public static Operand<TFloat32> keepDense(Ops tf, Operand<TFloat32> scores, double sparsity) {
    int n = Math.toIntExact(scores.shape().size());
    int keep = n - (int) Math.floor(sparsity * n);
    return tf.reshape(ones(tf, scores, tf.constant(keep), n), tf.constant(scores.shape()));
  }
}
