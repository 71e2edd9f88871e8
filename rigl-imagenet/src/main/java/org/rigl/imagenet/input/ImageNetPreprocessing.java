package org.rigl.imagenet.input;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.DecodeAndCropJpeg;
import org.tensorflow.op.image.DecodeJpeg;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * One JPEG to an {@code [image_size, image_size, 3]} float32 image in {@code [0, 255]}, as
 * tensorflow/tpu {@code resnet_preprocessing.py} {@code preprocess_for_train} /
 * {@code preprocess_for_eval} (no AutoAugment: the reference passes none).
 *
 * <p>Training decodes the whole image once and crops the chosen window from it; the reference
 * decodes again with {@code decode_and_crop_jpeg} on its centre-crop fallback, which gives the same
 * pixels (TF tests {@code decode_and_crop_jpeg == crop(decode_jpeg)}) at twice the decoding cost.
 */
public final class ImageNetPreprocessing {
  private ImageNetPreprocessing() {}

  /** Random crop window (centre on fallback), bicubic resize, random left-right flip. */
  public static Operand<TFloat32> train(
      Ops tf, Operand<TString> jpeg, int imageSize, Operand<TInt64> cropSeed, Operand<TInt64> flipSeed) {
    Operand<TUint8> image = tf.image.decodeJpeg(jpeg, DecodeJpeg.channels(3L));
    Operand<TInt32> shape = tf.shape(image);
    Operand<TInt32> window = DistortedCrop.window(tf, shape, DistortedCrop.sample(tf, shape, cropSeed), imageSize);
    Operand<TUint8> cropped = crop(tf, image, window);
    Operand<TFloat32> resized = ImageResize.bicubic(tf, cropped, imageSize);
    Operand<TFloat32> flipped = RandomFlip.leftRight(tf, resized, flipSeed);
    return tf.reshape(flipped, tf.constant(new int[] {imageSize, imageSize, 3}));
  }

  /** Centre crop of {@code image_size / (image_size + crop_padding)} of the shorter side, resize. */
  public static Operand<TFloat32> eval(Ops tf, Operand<TString> jpeg, int imageSize) {
    Operand<TInt32> window = CenterCrop.window(tf, tf.image.extractJpegShape(jpeg), imageSize);
    Operand<TUint8> cropped = tf.image.decodeAndCropJpeg(jpeg, window, DecodeAndCropJpeg.channels(3L));
    Operand<TFloat32> resized = ImageResize.bicubic(tf, cropped, imageSize);
    return tf.reshape(resized, tf.constant(new int[] {imageSize, imageSize, 3}));
  }

  /** {@code crop_to_bounding_box(image, y, x, h, w)} for a window {@code [y, x, h, w]}. */
  public static <T extends org.tensorflow.types.family.TType> Operand<T> crop(
      Ops tf, Operand<T> image, Operand<TInt32> window) {
    Operand<TInt32> offsets = tf.slice(window, tf.constant(new int[] {0}), tf.constant(new int[] {2}));
    Operand<TInt32> sizes = tf.slice(window, tf.constant(new int[] {2}), tf.constant(new int[] {2}));
    Operand<TInt32> begin = tf.concat(List.of(offsets, tf.constant(new int[] {0})), tf.constant(0));
    Operand<TInt32> size = tf.concat(List.of(sizes, tf.constant(new int[] {-1})), tf.constant(0));
    return tf.slice(image, begin, size);
  }
}
