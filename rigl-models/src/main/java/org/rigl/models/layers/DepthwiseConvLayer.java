package org.rigl.models.layers;

import java.util.List;
import org.rigl.core.mask.WeightInitializer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Port of MobileNet's {@code depthwise_conv2d_fixed_padding}: contrib {@code separable_conv2d}
 * with {@code num_outputs=None}, i.e. a depthwise convolution with multiplier 1, no bias, Xavier
 * (Glorot-uniform) initialisation and no regularizer. Never masked in the reference. Variable:
 * {@code parent/name/depthwise_weights}.
 */
public final class DepthwiseConvLayer {
  private final Kernel kernel;
  private final int stride;

  private DepthwiseConvLayer(Kernel kernel, int stride) {
    this.kernel = kernel;
    this.stride = stride;
  }

  public static DepthwiseConvLayer create(
      LayerContext context, String parent, String name, long channels, int kernelSize, int stride) {
    Shape shape = Shape.of(kernelSize, kernelSize, channels, 1);
    WeightInitializer xavier = WeightInitializer.glorotUniform();
    Kernel kernel = context.plainKernel(parent + "/" + name + "/depthwise_weights", shape, xavier, false);
    return new DepthwiseConvLayer(kernel, stride);
  }

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> input = x;
    String mode = "SAME";
    if (stride > 1) {
      input = FixedPadding.pad(tf, x, (int) kernel.shape().size(0));
      mode = "VALID";
    }
    return tf.nn.depthwiseConv2dNative(input, kernel.value(tf), List.of(1L, (long) stride, (long) stride, 1L), mode);
  }
}
