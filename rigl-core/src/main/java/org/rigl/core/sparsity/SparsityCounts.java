package org.rigl.core.sparsity;

/** Element and zero counts shared by mask initialisation and the sparsity distributions. */
public final class SparsityCounts {

  private SparsityCounts() {}

  /**
   * Port of sparse_utils.get_n_zeros: {@code floor(sparsity * size)} evaluated in double precision, so e.g.
   * {@code nZeros(30, 0.1) == 3} because 0.1 * 30 = 3.0000000000000004.
   */
  public static long nZeros(long size, double sparsity) {
    return (long) Math.floor(sparsity * size);
  }

  /** Product of the dimensions (1 for a scalar shape). */
  public static long numElements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Rejects a sparsity outside [0, 1) (and NaN), naming the offending value and what it belongs to. */
  static double checkSparsity(double sparsity, String what) {
    if (!(sparsity >= 0.0 && sparsity < 1.0)) {
      throw new IllegalArgumentException(what + " must be in [0, 1), got " + sparsity);
    }
    return sparsity;
  }
}
