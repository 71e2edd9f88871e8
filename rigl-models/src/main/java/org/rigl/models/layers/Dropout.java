package org.rigl.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * Port of {@code tf.keras.layers.Dropout(rate)(x, training)} ({@code nn.dropout}): in training,
 * keep where {@code U[0,1) >= rate} and scale by {@code 1/(1-rate)}; identity otherwise.
 *
 * <p>The uniform draw is TF's stateful op with both seeds fixed, so a new mask is drawn at every
 * step while a given (seed, index) repeats the same sequence in every process. The op-level
 * seed is {@code index + 1}, never 0, so TF never falls back to a random seed.
 */
public final class Dropout {
  private final double rate;
  private final long seed;
  private final long index;

  /** {@code index} distinguishes the dropout layers of one model (TF's op-level seed). */
  public Dropout(double rate, long seed, long index) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
    this.seed = seed;
    this.index = index;
  }

  public Operand<TFloat32> apply(ForwardContext forward, Operand<TFloat32> x) {
    if (!forward.training() || rate == 0) {
      return x;
    }
    Ops tf = forward.tf();
    Operand<TFloat32> uniform =
        tf.random.randomUniform(
            tf.shape(x), TFloat32.class, RandomUniform.seed(seed), RandomUniform.seed2(index + 1));
    Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant((float) rate)), TFloat32.class);
    return tf.math.mul(tf.math.mul(x, tf.constant((float) (1 / (1 - rate)))), keep);
  }
}
