package org.rigl.imagenet.input;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The evaluation crop window: the centred square of side {@code image_size / (image_size +
 * crop_padding)} of the shorter side, as tensorflow/tpu {@code resnet_preprocessing.py}
 * {@code _decode_and_center_crop} (also the training fallback).
 *
 * <p>{@code crop_padding = round(image_size * (1 / 0.875 - 1))} (32 for 224). The fraction is a
 * Python float multiplied with a float32 tensor, so it is rounded to float32 and the side is
 * truncated to int32; the offsets are {@code ((h - side) + 1) // 2}.
 */
public final class CenterCrop {
  /** {@code CROP_FRACTION} of the reference. */
  public static final double CROP_FRACTION = 0.875;

  private CenterCrop() {}

  /** {@code round(image_size * (1/CROP_FRACTION - 1))} with Python 3's round-half-even. */
  public static int cropPadding(int imageSize) {
    return (int) Math.rint(imageSize * (1 / CROP_FRACTION - 1));
  }

  /** The float32 fraction of the shorter side that the crop keeps. */
  public static float sideFraction(int imageSize) {
    return (float) (imageSize / (double) (imageSize + cropPadding(imageSize)));
  }

  /**
   * The window {@code [offset_y, offset_x, side, side]} (int32) for an image whose shape starts
   * with {@code [height, width]} ({@code ExtractJpegShape} or {@code Shape} of a decoded image).
   */
  public static Operand<TInt32> window(Ops tf, Operand<TInt32> imageShape, int imageSize) {
    Operand<TInt32> height = element(tf, imageShape, 0);
    Operand<TInt32> width = element(tf, imageShape, 1);
    Operand<TFloat32> shorter = tf.dtypes.cast(tf.math.minimum(height, width), TFloat32.class);
    Operand<TInt32> side =
        tf.dtypes.cast(tf.math.mul(tf.constant(sideFraction(imageSize)), shorter), TInt32.class);
    Operand<TInt32> two = tf.constant(2);
    Operand<TInt32> one = tf.constant(1);
    Operand<TInt32> offsetY = tf.math.floorDiv(tf.math.add(tf.math.sub(height, side), one), two);
    Operand<TInt32> offsetX = tf.math.floorDiv(tf.math.add(tf.math.sub(width, side), one), two);
    return tf.stack(List.of(offsetY, offsetX, side, side));
  }

  static Operand<TInt32> element(Ops tf, Operand<TInt32> vector, int index) {
    return tf.gather(vector, tf.constant(index), tf.constant(0));
  }
}
