package org.rigl.models.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.types.TFloat32;

/** A 2-D convolution (NHWC) with an optional bias. */
public final class ConvLayer {
  /**
   * {@code FIXED} is {@code resnet_model.conv2d_fixed_padding}: explicit {@link FixedPadding} then
   * VALID when the stride is above 1, SAME otherwise.
   */
  public enum Padding {
    SAME,
    VALID,
    FIXED
  }

  private final Kernel kernel;
  private final int stride;
  private final Padding padding;
  private final Variable<TFloat32> bias;

  private ConvLayer(Kernel kernel, int stride, Padding padding, Variable<TFloat32> bias) {
    if (kernel.shape().numDimensions() != 4) {
      throw new IllegalArgumentException("a conv kernel is [h, w, in, out], got " + kernel.shape());
    }
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.bias = bias;
  }

  public static ConvLayer of(Kernel kernel, int stride, Padding padding) {
    return new ConvLayer(kernel, stride, padding, null);
  }

  public static ConvLayer withBias(Kernel kernel, int stride, Padding padding, Variable<TFloat32> bias) {
    return new ConvLayer(kernel, stride, padding, bias);
  }

  public Kernel kernel() {
    return kernel;
  }

  public long outputChannels() {
    return kernel.shape().size(3);
  }

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> input = x;
    String mode = padding == Padding.VALID ? "VALID" : "SAME";
    if (padding == Padding.FIXED && stride > 1) {
      input = FixedPadding.pad(tf, x, (int) kernel.shape().size(0));
      mode = "VALID";
    }
    Operand<TFloat32> y =
        tf.nn.conv2d(input, kernel.value(tf), List.of(1L, (long) stride, (long) stride, 1L), mode, Conv2d.dataFormat("NHWC"));
    return bias == null ? y : tf.nn.biasAdd(y, tf.identity(bias));
  }
}
