package org.rigl.imagenet.train;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Small graph metrics shared by the training and evaluation graphs. */
public final class Metrics {
  private Metrics() {}

  /** The fraction of zeros of a mask ({@code tf.nn.zero_fraction}). */
  public static Operand<TFloat32> sparsity(Ops tf, Operand<TFloat32> mask) {
    Operand<TFloat32> flat = tf.reshape(mask, tf.constant(new int[] {-1}));
    Operand<TFloat32> zeros = tf.dtypes.cast(tf.math.equal(flat, tf.zerosLike(flat)), TFloat32.class);
    return tf.math.mean(zeros, tf.constant(0));
  }
}
