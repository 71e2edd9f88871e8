package org.rigl.imagenet.cifar;

import java.util.List;
import org.rigl.imagenet.input.RandomFlip;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * CIFAR-10 preprocessing of rigl {@code cifar_resnet/data_helper.py}: every image is standardised
 * ({@code tf.image.per_image_standardization}); training images are then padded by 4 mirrored
 * pixels ({@code pad_input}), randomly cropped back to 32x32 ({@code tf.random_crop}) and randomly
 * flipped left-right.
 */
public final class CifarPreprocessing {
  public static final int PAD = 4;

  private CifarPreprocessing() {}

  /**
   * {@code per_image_standardization} as in TensorFlow 1.x (the reference needs TF < 2):
   * {@code (x - mean) / max(sqrt(relu(mean(x^2) - mean^2)), 1/sqrt(N))} over the whole image.
   */
  public static Operand<TFloat32> standardize(Ops tf, Operand<TFloat32> image) {
    Operand<TInt32> allAxes = tf.constant(new int[] {0, 1, 2});
    Operand<TFloat32> mean = tf.math.mean(image, allAxes, org.tensorflow.op.math.Mean.keepDims(true));
    Operand<TFloat32> meanOfSquares =
        tf.math.mean(tf.math.square(image), allAxes, org.tensorflow.op.math.Mean.keepDims(true));
    Operand<TFloat32> variance = tf.nn.relu(tf.math.sub(meanOfSquares, tf.math.square(mean)));
    Operand<TFloat32> pixels = tf.dtypes.cast(tf.reduceProd(tf.shape(image), tf.constant(0)), TFloat32.class);
    Operand<TFloat32> scale = tf.math.maximum(tf.math.sqrt(variance), tf.math.rsqrt(pixels));
    return tf.math.div(tf.math.sub(image, mean), scale);
  }

  /**
   * {@code pad_input(x, 4)}: rows {@code x[:4][::-1]} above and {@code x[-4:][::-1]} below, then
   * the same for columns, i.e. a symmetric mirror that repeats the edge pixel.
   */
  public static Operand<TFloat32> padMirrored(Ops tf, Operand<TFloat32> image) {
    Operand<TInt32> paddings = tf.constant(new int[][] {{PAD, PAD}, {PAD, PAD}, {0, 0}});
    return tf.mirrorPad(image, paddings, "SYMMETRIC");
  }

  /** {@code tf.random_crop(x, [32, 32, 3])}: a uniformly placed 32x32 window, keyed by {@code seed}. */
  public static Operand<TFloat32> randomCrop(Ops tf, Operand<TFloat32> padded, Operand<TInt64> seed) {
    int size = Cifar10Files.IMAGE_SIZE;
    Operand<TInt32> limit = tf.constant(size + 2 * PAD - size + 1);
    Operand<TInt32> offsets = tf.random.statelessRandomUniformInt(tf.constant(new int[] {2}), seed, tf.constant(0), limit);
    Operand<TInt32> begin = tf.concat(List.of(offsets, tf.constant(new int[] {0})), tf.constant(0));
    return tf.slice(padded, begin, tf.constant(new int[] {size, size, 3}));
  }

  /** The training transform after standardisation: pad, crop, flip. */
  public static Operand<TFloat32> augment(Ops tf, Operand<TFloat32> standardized, Operand<TInt64> cropSeed, Operand<TInt64> flipSeed) {
    return RandomFlip.leftRight(tf, randomCrop(tf, padMirrored(tf, standardized), cropSeed), flipSeed);
  }
}
