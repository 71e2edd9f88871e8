package org.rigl.core.mask;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Draws a weight tensor from an initial distribution with TF's stateless random ops.
 *
 * <p>Stateless so that a draw is a function of its seed: the model initialisation and the
 * {@code initial_dist} grow rule, which draws again from the same distribution, are reproducible.
 */
@FunctionalInterface
public interface WeightInitializer {
  /** A tensor of {@code shape}; {@code seed} is a shape-[2] int64 tensor. */
  Operand<TFloat32> create(Ops tf, Shape shape, Operand<TInt64> seed);

  /** All zeros. */
  static WeightInitializer zeros() {
    return (tf, shape, seed) -> tf.zeros(tf.constant(shape), TFloat32.class);
  }

  /** Glorot (Xavier) uniform, TF's default kernel initializer: U(±sqrt(6 / (fan_in + fan_out))). */
  static WeightInitializer glorotUniform() {
    return (tf, shape, seed) -> {
      long fanIn = shape.numDimensions() < 2 ? shape.size() : shape.size(shape.numDimensions() - 2);
      long fanOut = shape.numDimensions() < 1 ? 1 : shape.size(shape.numDimensions() - 1);
      long receptive = 1;
      for (int i = 0; i < shape.numDimensions() - 2; i++) {
        receptive *= shape.size(i);
      }
      float limit = (float) Math.sqrt(6.0 / ((fanIn + fanOut) * receptive));
      Operand<TFloat32> unit = tf.random.statelessRandomUniform(tf.constant(shape), seed, TFloat32.class);
      return tf.math.sub(tf.math.mul(unit, tf.constant(2 * limit)), tf.constant(limit));
    };
  }
}
