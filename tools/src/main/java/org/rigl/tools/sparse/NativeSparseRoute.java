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
public final class NativeSparseRoute extends TransposedRoute {
  public NativeSparseRoute(SparseLayerProblem problem, int intraOpThreads) {
    super(problem, intraOpThreads);
  }

  @Override
  Products build(Operand<TFloat32> xT, Operand<TFloat32> dyT, Operand<TInt64> indicesT, Operand<TFloat32> values,
      int threads) {
    int[] order = problem.wOrder();
    Operand<TInt64> indicesW = s.longs(problem.indicesInW(order), problem.nonzeros(), 2);
    Operand<TInt32> permutation = s.tf.constant(order);
    return new Products(
        op("RiglSpmm", indicesT, values, xT, problem.out(), threads),
        op("RiglSpmm", indicesW, s.tf.gather(values, permutation, s.tf.constant(0)), dyT, problem.in(), threads),
        op("RiglSddmm", indicesT, dyT, xT, -1, threads));
  }

  private Operand<TFloat32> op(String type, Operand<?> a, Operand<?> b, Operand<?> c, long rows, int threads) {
    var builder = s.graph.opBuilder(type, s.tf.scope().makeOpName(type), s.tf.scope())
        .addInput(a.asOutput()).addInput(b.asOutput()).addInput(c.asOutput()).setAttr("threads", (long) threads);
    if (rows >= 0) {
      builder.setAttr("rows", rows);
    }
    Output<TFloat32> out = builder.build().output(0);
    return out;
  }
}
