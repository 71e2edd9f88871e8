package org.rigl.tools.sparse;

import org.rigl.core.sparse.NativeSparseOps;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The native op library's route: forward Yᵀ = Wᵀ·Xᵀ by {@code RiglSpmm} over Wᵀ's sorted COO;
 * dXᵀ = W·dYᵀ by the same kernel in adjoint mode over the same nonzeros; the values' gradient by
 * {@code RiglSddmm}, dYᵀ·X at the nonzeros only. The kernels split their work over
 * {@code intraOpThreads} threads of their own. Needs {@link NativeSparseOps#load} to have succeeded.
 */
public final class NativeSparseRoute extends TransposedRoute {
  public NativeSparseRoute(SparseLayerProblem problem, int intraOpThreads) {
    super(problem, intraOpThreads);
  }

  @Override
  Products build(Operand<TFloat32> xT, Operand<TFloat32> dyT, Operand<TInt64> indicesT, Operand<TFloat32> values,
      int threads) {
    return new Products(
        NativeSparseOps.spmm(s.tf, indicesT, values, xT, problem.out(), problem.in(), false, threads),
        NativeSparseOps.spmm(s.tf, indicesT, values, dyT, problem.in(), problem.out(), true, threads),
        NativeSparseOps.sddmm(s.tf, indicesT, dyT, xT, threads));
  }
}
