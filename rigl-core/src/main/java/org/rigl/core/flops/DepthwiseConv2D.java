package org.rigl.core.flops;

import java.util.Arrays;
import java.util.Objects;

/**
 * counting.DepthWiseConv2D: a square depthwise convolution.
 *
 * @param kernelShape {@code [k, k, channels, 1]}
 */
public record DepthwiseConv2D(int inputSize, long[] kernelShape, int stride, Padding padding, boolean useBias,
    Activation activation) implements CountedOp {

  public DepthwiseConv2D {
    kernelShape = KernelShapes.checkSquareConv(kernelShape, "DepthwiseConv2D");
    if (kernelShape[3] != 1) {
      throw new IllegalArgumentException(
          "DepthwiseConv2D kernel must be [k, k, c, 1], got " + Arrays.toString(kernelShape));
    }
    Objects.requireNonNull(padding, "padding");
    Objects.requireNonNull(activation, "activation");
  }

  @Override
  public long[] kernelShape() {
    return kernelShape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DepthwiseConv2D c && inputSize == c.inputSize && Arrays.equals(kernelShape, c.kernelShape)
        && stride == c.stride && padding == c.padding && useBias == c.useBias && activation == c.activation;
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputSize, Arrays.hashCode(kernelShape), stride, padding, useBias, activation);
  }

  @Override
  public String toString() {
    return "DepthwiseConv2D[input=" + inputSize + ", kernel=" + Arrays.toString(kernelShape) + ", stride="
        + stride + ", " + padding + ", bias=" + useBias + ", " + activation + "]";
  }
}
