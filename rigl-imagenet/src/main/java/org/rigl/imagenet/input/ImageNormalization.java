package org.rigl.imagenet.input;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Normalises images in {@code [0, 255]} to zero mean and unit variance per channel with the
 * reference's constants ({@code imagenet_train_eval.py}: {@code MEAN_RGB}, {@code STDDEV_RGB},
 * applied in {@code resnet_model_fn_w_pruning} as {@code (x - mean) / stddev}).
 *
 * <p>The constants are Python doubles ({@code 0.485 * 255}) turned into float32 tensors, so they are
 * computed in double here and then rounded to float. The pipelines apply this once; models must
 * not normalise again.
 */
public final class ImageNormalization {
  public static final float[] MEAN_RGB = {(float) (0.485 * 255), (float) (0.456 * 255), (float) (0.406 * 255)};
  public static final float[] STDDEV_RGB = {(float) (0.229 * 255), (float) (0.224 * 255), (float) (0.225 * 255)};

  private ImageNormalization() {}

  /** {@code (images - MEAN_RGB) / STDDEV_RGB} over the last (channel) axis of any shape. */
  public static Operand<TFloat32> normalize(Ops tf, Operand<TFloat32> images) {
    Operand<TFloat32> mean = tf.constant(Shape.of(1, 1, 3), org.tensorflow.ndarray.buffer.DataBuffers.of(MEAN_RGB));
    Operand<TFloat32> stddev = tf.constant(Shape.of(1, 1, 3), org.tensorflow.ndarray.buffer.DataBuffers.of(STDDEV_RGB));
    return tf.math.div(tf.math.sub(images, mean), stddev);
  }
}
