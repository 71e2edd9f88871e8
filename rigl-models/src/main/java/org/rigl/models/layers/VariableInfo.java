package org.rigl.models.layers;

import java.util.Arrays;

/**
 * A model variable as plain data (no graph handle): what {@code rigl vars} prints and what a
 * checkpoint must contain under the same name.
 */
public record VariableInfo(String name, long[] shape, String dtype, boolean trainable, VariableRole role) {

  /** Number of scalars in the variable. */
  public long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VariableInfo v
        && name.equals(v.name)
        && Arrays.equals(shape, v.shape)
        && dtype.equals(v.dtype)
        && trainable == v.trainable
        && role == v.role;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  /** {@code name [d0, d1] float32 trainable}. */
  @Override
  public String toString() {
    return name + " " + Arrays.toString(shape) + " " + dtype + (trainable ? " trainable" : " non-trainable");
  }
}
