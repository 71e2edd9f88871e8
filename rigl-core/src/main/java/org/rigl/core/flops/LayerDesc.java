package org.rigl.core.flops;

import java.util.Arrays;
import java.util.Objects;

/**
 * What get_stats reads from a masked Keras layer.
 *
 * @param name the kernel's tensor name, e.g. {@code "conv1/kernel:0"}; sparsities and width rules key on it
 * @param kernelShape unscaled kernel shape: {@code [k, k, c_in, c_out]}, {@code [k, k, c, 1]} for depthwise
 *     (the depthwise_kernel), {@code [c_in, c_out]} for dense
 * @param inputSize spatial size of the padded layer input ({@code layer.input_shape[1]}); unused for dense
 * @param stride the same in both dimensions; unused for dense
 */
public record LayerDesc(String name, LayerKind kind, long[] kernelShape, int inputSize, int stride) {

  public LayerDesc {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    kernelShape = kind == LayerKind.DENSE
        ? KernelShapes.checkRank(kernelShape, 2, name)
        : KernelShapes.checkSquareConv(kernelShape, name);
  }

  public static LayerDesc conv2d(String name, long[] kernelShape, int inputSize, int stride) {
    return new LayerDesc(name, LayerKind.CONV2D, kernelShape, inputSize, stride);
  }

  public static LayerDesc depthwiseConv2d(String name, long[] kernelShape, int inputSize, int stride) {
    return new LayerDesc(name, LayerKind.DEPTHWISE_CONV2D, kernelShape, inputSize, stride);
  }

  public static LayerDesc dense(String name, long[] kernelShape) {
    return new LayerDesc(name, LayerKind.DENSE, kernelShape, 1, 1);
  }

  @Override
  public long[] kernelShape() {
    return kernelShape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerDesc l && name.equals(l.name) && kind == l.kind
        && Arrays.equals(kernelShape, l.kernelShape) && inputSize == l.inputSize && stride == l.stride;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, kind, Arrays.hashCode(kernelShape), inputSize, stride);
  }

  @Override
  public String toString() {
    return "LayerDesc[" + name + ", " + kind + ", " + Arrays.toString(kernelShape) + ", input=" + inputSize
        + ", stride=" + stride + "]";
  }
}
