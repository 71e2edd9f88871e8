package org.rigl.tools.sparse;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A sparse route that keeps activations {@code [features, batch]} and Wᵀ {@code [out, in]} as sorted
 * COO, so the sparse operand is always the left one. It feeds the transposed inputs, has the route
 * build its three products, and hands the results back in the dense layouts.
 */
abstract class TransposedRoute implements LayerRoute {
  /** What a route computes: Yᵀ, dXᵀ and the gradient of each nonzero value. */
  record Products(Operand<TFloat32> yT, Operand<TFloat32> dxT, Operand<TFloat32> dValues) {}

  protected final SparseLayerProblem problem;
  protected final RouteSession s = new RouteSession();
  private final Products products;

  TransposedRoute(SparseLayerProblem problem, int intraOpThreads) {
    this.problem = problem;
    try {
      int batch = problem.batch();
      Operand<TFloat32> xT = s.floats(SparseLayerProblem.transpose(problem.x(), batch, problem.in()), problem.in(), batch);
      Operand<TFloat32> dyT = s.floats(SparseLayerProblem.transpose(problem.dy(), batch, problem.out()), problem.out(),
          batch);
      Operand<TInt64> indicesT = s.longs(problem.transposedIndices(), problem.nonzeros(), 2);
      Operand<TFloat32> values = s.floats(problem.values(), problem.nonzeros());
      products = build(xT, dyT, indicesT, values, intraOpThreads);
      s.start(intraOpThreads);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** The route's products from Xᵀ, dYᵀ and Wᵀ's nonzeros (indices into {@code [out, in]}, values). */
  abstract Products build(Operand<TFloat32> xT, Operand<TFloat32> dyT, Operand<TInt64> indicesT,
      Operand<TFloat32> values, int threads);

  @Override
  public void forward() {
    s.run(false, products.yT());
  }

  @Override
  public void backward() {
    s.run(false, products.dxT(), products.dValues());
  }

  @Override
  public float[] y() {
    return SparseLayerProblem.transpose(s.run(true, products.yT())[0], problem.out(), problem.batch());
  }

  @Override
  public float[] dx() {
    return SparseLayerProblem.transpose(s.run(true, products.dxT())[0], problem.in(), problem.batch());
  }

  @Override
  public float[] dValues() {
    return s.run(true, products.dValues())[0];
  }

  @Override
  public void close() {
    s.close();
  }
}
