package org.rigl.tools.sparse;

import org.tensorflow.Operand;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.sparse.SparseTensorDenseMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * TF's own sparse op, {@code SparseTensorDenseMatMul}: forward Yᵀ = Wᵀ·Xᵀ; backward dXᵀ = W·dYᵀ (the
 * same op with {@code adjoint_a}) and the values' gradient as the dense dYᵀ·X gathered at the
 * nonzeros, as TF has no sampled dense-dense product.
 */
public final class TfSparseRoute extends TransposedRoute {
  public TfSparseRoute(SparseLayerProblem problem, int intraOpThreads) {
    super(problem, intraOpThreads);
  }

  @Override
  Products build(Operand<TFloat32> xT, Operand<TFloat32> dyT, Operand<TInt64> indicesT, Operand<TFloat32> values,
      int threads) {
    Operand<TInt64> shape = s.tf.constant(new long[] {problem.out(), problem.in()});
    return new Products(
        s.tf.sparse.sparseTensorDenseMatMul(indicesT, values, shape, xT),
        s.tf.sparse.sparseTensorDenseMatMul(indicesT, values, shape, dyT, SparseTensorDenseMatMul.adjointA(true)),
        s.tf.gatherNd(s.tf.linalg.matMul(dyT, xT, MatMul.transposeB(true)), indicesT));
  }
}
