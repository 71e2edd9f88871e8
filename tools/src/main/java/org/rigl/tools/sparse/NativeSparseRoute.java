package org.rigl.tools.sparse;

import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The native op library's route: forward Yᵀ = Wᵀ·Xᵀ by {@code RiglSpmm} over Wᵀ's sorted COO;
 * dXᵀ = W·dYᵀ by the same kernel over W's sorted COO (the values permuted into that order by a
 * gather, timed with it); the values' gradient by {@code RiglSddmm}, dYᵀ·X at the nonzeros only.
 * The kernels split their work over {@code intraOpThreads} threads of their own. Needs
 * {@link NativeSparseOps#load} to have succeeded.
 */
public final class NativeSparseRoute implements LayerRoute {
  private final SparseLayerProblem problem;
  private final RouteSession s = new RouteSession();
  private final Operand<TFloat32> yT;
  private final Operand<TFloat32> dxT;
  private final Operand<TFloat32> dValues;
  private final int threads;

  public NativeSparseRoute(SparseLayerProblem problem, int intraOpThreads) {
    this.problem = problem;
    this.threads = intraOpThreads;
    try {
      int batch = problem.batch();
      Operand<TFloat32> xT = s.floats(SparseLayerProblem.transpose(problem.x(), batch, problem.in()), problem.in(), batch);
      Operand<TFloat32> dyT = s.floats(SparseLayerProblem.transpose(problem.dy(), batch, problem.out()), problem.out(),
          batch);
      Operand<TInt64> indicesT = s.longs(problem.transposedIndices(), problem.nonzeros(), 2);
      Operand<TFloat32> values = s.floats(problem.values(), problem.nonzeros());
      int[] order = problem.wOrder();
      Operand<TInt64> indicesW = s.longs(problem.indicesInW(order), problem.nonzeros(), 2);
      Operand<TInt32> permutation = s.tf.constant(order);
      yT = spmm(indicesT, values, xT, problem.out());
      dxT = spmm(indicesW, s.tf.gather(values, permutation, s.tf.constant(0)), dyT, problem.in());
      dValues = op("RiglSddmm", indicesT, dyT, xT, -1);
      s.start(intraOpThreads);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private Operand<TFloat32> spmm(Operand<TInt64> indices, Operand<TFloat32> values, Operand<TFloat32> dense, int rows) {
    return op("RiglSpmm", indices, values, dense, rows);
  }

  private Operand<TFloat32> op(String type, Operand<?> a, Operand<?> b, Operand<?> c, long rows) {
    var builder = s.graph.opBuilder(type, s.tf.scope().makeOpName(type), s.tf.scope())
        .addInput(a.asOutput()).addInput(b.asOutput()).addInput(c.asOutput()).setAttr("threads", (long) threads);
    if (rows >= 0) {
      builder.setAttr("rows", rows);
    }
    Output<TFloat32> out = builder.build().output(0);
    return out;
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
