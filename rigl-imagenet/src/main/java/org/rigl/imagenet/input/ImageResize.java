package org.rigl.imagenet.input;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * {@code tf.compat.v1.image.resize_bicubic([image], [size, size])[0]} of the reference: TF's
 * {@code ResizeBicubic} with its defaults ({@code align_corners=False},
 * {@code half_pixel_centers=False}); float32 out, not clipped, so values may overshoot [0, 255]
 * slightly as in the reference.
 */
public final class ImageResize {
  private ImageResize() {}

  /** One {@code [h, w, c]} image resized to {@code [size, size, c]}. */
  public static Operand<TFloat32> bicubic(Ops tf, Operand<? extends TNumber> image, int size) {
    var batch = tf.expandDims(image, tf.constant(0));
    var resized = tf.image.resizeBicubic(batch, tf.constant(new int[] {size, size}));
    return tf.squeeze(resized, org.tensorflow.op.core.Squeeze.axis(java.util.List.of(0L)));
  }
}
