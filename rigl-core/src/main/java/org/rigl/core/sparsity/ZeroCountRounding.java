package org.rigl.core.sparsity;

/**
 * How sparse_utils.get_n_zeros rounds {@code sparsity * size} to a number of zeros. Only the Erdős–Rényi budget
 * depends on it. The reference switched from ceil to floor on 2020-10-15 (commit cd7893e); the stored outputs of
 * the FLOPs-counting colabs, and so the README's model sizes, were produced with ceil.
 */
public enum ZeroCountRounding {
  /** {@code int(np.floor(sparsity * size))}: the reference since 2020-10-15 and this port's default. */
  FLOOR,
  /** {@code int(np.ceil(sparsity * size))}: the reference before 2020-10-15. */
  CEIL;

  /** Zeros in a mask of {@code size} elements at {@code sparsity}, evaluated in double precision. */
  public long nZeros(long size, double sparsity) {
    return this == FLOOR ? SparsityCounts.nZeros(size, sparsity) : (long) Math.ceil(sparsity * size);
  }
}
