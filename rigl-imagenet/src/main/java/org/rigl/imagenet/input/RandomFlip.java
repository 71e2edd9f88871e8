package org.rigl.imagenet.input;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * {@code tf.image.random_flip_left_right}: mirrors an {@code [h, w, c]} image along its width when
 * a uniform draw in {@code [0, 1)} is below 0.5; the draw is stateless, keyed by {@code seed}.
 */
public final class RandomFlip {
  private RandomFlip() {}

  public static <T extends TType> Operand<T> leftRight(Ops tf, Operand<T> image, Operand<TInt64> seed) {
    Operand<TFloat32> draw = tf.random.statelessRandomUniform(tf.constant(new int[0]), seed);
    Operand<T> mirrored = tf.reverse(image, tf.constant(new int[] {1}));
    return tf.select(tf.math.less(draw, tf.constant(0.5f)), mirrored, image);
  }
}
