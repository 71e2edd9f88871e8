package org.rigl.core.flops;

import java.util.Arrays;
import java.util.Objects;

/** Shape checks shared by the op and layer records; each returns a defensive copy. */
final class KernelShapes {

  private KernelShapes() {}

  static long[] checkRank(long[] shape, int rank, String what) {
    long[] copy = Objects.requireNonNull(shape, "kernelShape").clone();
    if (copy.length != rank) {
      throw new IllegalArgumentException(what + " kernel must have rank " + rank + ", got " + Arrays.toString(copy));
    }
    for (long d : copy) {
      if (d < 1) {
        throw new IllegalArgumentException(what + " kernel has a non-positive dimension: " + Arrays.toString(copy));
      }
    }
    return copy;
  }

  static long[] checkSquareConv(long[] shape, String what) {
    long[] copy = checkRank(shape, 4, what);
    if (copy[0] != copy[1]) {
      throw new IllegalArgumentException(what + " kernel must be square, got " + Arrays.toString(copy));
    }
    return copy;
  }
}
