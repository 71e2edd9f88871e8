package org.rigl.core.flops;

import java.util.Arrays;
import java.util.Objects;

/**
 * counting.FullyConnected: a dense layer.
 *
 * @param kernelShape {@code [c_in, c_out]}
 */
public record FullyConnected(long[] kernelShape, boolean useBias, Activation activation) implements CountedOp {

  public FullyConnected {
    kernelShape = KernelShapes.checkRank(kernelShape, 2, "FullyConnected");
    Objects.requireNonNull(activation, "activation");
  }

  @Override
  public long[] kernelShape() {
    return kernelShape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FullyConnected f && Arrays.equals(kernelShape, f.kernelShape) && useBias == f.useBias
        && activation == f.activation;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(kernelShape), useBias, activation);
  }

  @Override
  public String toString() {
    return "FullyConnected[kernel=" + Arrays.toString(kernelShape) + ", bias=" + useBias + ", " + activation + "]";
  }
}
