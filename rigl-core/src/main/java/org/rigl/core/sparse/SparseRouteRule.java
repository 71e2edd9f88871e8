package org.rigl.core.sparse;

/**
 * Which layers {@code --sparse_compute=auto} multiplies over their nonzeros, and on how many of the
 * kernels' threads, from the layer's sparsity and the size of its dense product (multiply-adds per
 * step, {@code rows · in · out}). Thresholds measured one layer at a time with
 * {@code rigl bench-sparse-layer} (docs/sparse-compute.md): from 0.925 sparsity every measured shape's
 * forward plus backward is faster over the nonzeros; between 0.9 and 0.925 large products gain for
 * certain, and only with the native kernels; below 0.9 none does. Small products lose more to a thread's
 * start-up than a second thread saves.
 */
public final class SparseRouteRule {
  /** From this sparsity on, every layer is faster over its nonzeros. */
  public static final double ALWAYS_SPARSE = 0.925;
  /** From this sparsity on, large products are. */
  public static final double SPARSE_WHEN_LARGE = 0.9;
  /** A dense product of at least this many multiply-adds per step is large. */
  public static final double LARGE_PRODUCT = 1e8;

  private SparseRouteRule() {}

  /** Whether a layer of {@code sparsity} with a dense product of {@code multiplyAdds} computes sparse. */
  public static boolean sparse(SparseComputeMode mode, double sparsity, double multiplyAdds, boolean nativeKernels) {
    return switch (mode) {
      case MASKED -> false;
      case SPARSE -> true;
      case AUTO -> sparsity >= ALWAYS_SPARSE
          || (sparsity >= SPARSE_WHEN_LARGE && nativeKernels && multiplyAdds >= LARGE_PRODUCT);
    };
  }

  /** The kernels' thread count for a product of {@code multiplyAdds}: all given threads only on large ones. */
  public static int threads(double multiplyAdds, int intraOpThreads) {
    return multiplyAdds >= LARGE_PRODUCT ? Math.max(1, intraOpThreads) : 1;
  }
}
