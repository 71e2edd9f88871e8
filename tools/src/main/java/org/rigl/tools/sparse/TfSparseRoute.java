package org.rigl.tools.sparse;

import org.tensorflow.Operand;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.sparse.SparseTensorDenseMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * TF's own sparse op: Wᵀ {@code [out, in]} as sorted COO and activations kept
 * {@code [features, batch]}, so the sparse operand is always the left one that
 * {@code SparseTensorDenseMatMul} takes. Forward Yᵀ = Wᵀ·Xᵀ; backward dXᵀ = W·dYᵀ (the same op
 * with {@code adjoint_a}) and the values' gradient as the dense dYᵀ·X gathered at the nonzeros, as
 * TF has no sampled dense-dense product.
 */
public final class TfSparseRoute implements LayerRoute {
  private final SparseLayerProblem problem;
  private final RouteSession s = new RouteSession();
  private final Operand<TFloat32> yT;
  private final Operand<TFloat32> dxT;
  private final Operand<TFloat32> dValues;

  public TfSparseRoute(SparseLayerProblem problem, int intraOpThreads) {
    this.problem = problem;
    try {
      int batch = problem.batch();
      Operand<TFloat32> xT = s.floats(SparseLayerProblem.transpose(problem.x(), batch, problem.in()), problem.in(), batch);
      Operand<TFloat32> dyT = s.floats(SparseLayerProblem.transpose(problem.dy(), batch, problem.out()), problem.out(),
          batch);
      Operand<TInt64> indices = s.longs(problem.transposedIndices(), problem.nonzeros(), 2);
      Operand<TFloat32> values = s.floats(problem.values(), problem.nonzeros());
      Operand<TInt64> shape = s.tf.constant(new long[] {problem.out(), problem.in()});
      yT = s.tf.sparse.sparseTensorDenseMatMul(indices, values, shape, xT);
      dxT = s.tf.sparse.sparseTensorDenseMatMul(indices, values, shape, dyT, SparseTensorDenseMatMul.adjointA(true));
      dValues = s.tf.gatherNd(s.tf.linalg.matMul(dyT, xT, MatMul.transposeB(true)), indices);
      s.start(intraOpThreads);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public void forward() {
    s.run(false, yT);
  }

  @Override
  public void backward() {
    s.run(false, dxT, dValues);
  }

  @Override
  public float[] y() {
    return SparseLayerProblem.transpose(s.run(true, yT)[0], problem.out(), problem.batch());
  }

  @Override
  public float[] dx() {
    return SparseLayerProblem.transpose(s.run(true, dxT)[0], problem.in(), problem.batch());
  }

  @Override
  public float[] dValues() {
    return s.run(true, dValues)[0];
  }

  @Override
  public void close() {
    s.close();
  }
}
