package org.rigl.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Port of {@code resnet_model.fixed_padding}: pads height and width by {@code (k-1)//2} before and
 * the rest after, independently of the input size (NHWC).
 */
public final class FixedPadding {
  private FixedPadding() {}

  public static Operand<TFloat32> pad(Ops tf, Operand<TFloat32> x, int kernelSize) {
    int total = kernelSize - 1;
    int begin = total / 2;
    int end = total - begin;
    int[][] paddings = {{0, 0}, {begin, end}, {begin, end}, {0, 0}};
    return tf.pad(x, tf.constant(paddings), tf.constant(0f));
  }
}
