package org.rigl.core.flops;

import java.util.Arrays;
import java.util.Objects;

/**
 * counting.Conv2D: a square convolution on a square input.
 *
 * @param inputSize spatial size of the (square) input
 * @param kernelShape {@code [k, k, c_in, c_out]}
 * @param stride the same in both dimensions
 */
public record Conv2D(int inputSize, long[] kernelShape, int stride, Padding padding, boolean useBias,
    Activation activation) implements CountedOp {

  public Conv2D {
    kernelShape = KernelShapes.checkSquareConv(kernelShape, "Conv2D");
    Objects.requireNonNull(padding, "padding");
    Objects.requireNonNull(activation, "activation");
  }

  @Override
  public long[] kernelShape() {
    return kernelShape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Conv2D c && inputSize == c.inputSize && Arrays.equals(kernelShape, c.kernelShape)
        && stride == c.stride && padding == c.padding && useBias == c.useBias && activation == c.activation;
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputSize, Arrays.hashCode(kernelShape), stride, padding, useBias, activation);
  }

  @Override
  public String toString() {
    return "Conv2D[input=" + inputSize + ", kernel=" + Arrays.toString(kernelShape) + ", stride=" + stride
        + ", " + padding + ", bias=" + useBias + ", " + activation + "]";
  }
}
