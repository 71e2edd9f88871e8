package org.rigl.core.sparse;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * S·D for a sparse S held as its nonzeros, with gradients for the values and D: by this project's native
 * kernels ({@link NativeSparseOps}) where they built, else by TF's {@code SparseTensorDenseMatMul}.
 */
public final class SparseMatMul {
  /** Which ops compute the product and its gradients. */
  enum Route {
    NATIVE, TF
  }

  private SparseMatMul() {}

  /**
   * S·D for S {@code [rows, cols]} given as {@code indices} {@code [nnz, 2]} (sorted row-major, unique) and
   * {@code values} {@code [nnz]}, and D {@code [cols, n]}: returns {@code [rows, n]}, its static shape
   * {@code {rows, D's static n (-1 if unknown)}}. Gradients flow to the values and D, none to the indices.
   * {@code threads}: the native kernels' own thread count; the TF route ignores it.
   */
  public static Operand<TFloat32> product(Ops tf, Operand<TInt64> indices, Operand<TFloat32> values,
      Operand<TFloat32> dense, long rows, long cols, int threads) {
    return product(tf, indices, values, dense, rows, cols, threads, route().equals("native") ? Route.NATIVE : Route.TF);
  }

  /** "native" when {@link NativeSparseOps} loaded, else "tf". */
  public static String route() {
    return NativeSparseOps.load().isEmpty() ? "native" : "tf";
  }

  /** {@link #product} on the given route; the native one needs {@link NativeSparseOps#load} to have succeeded. */
  static Operand<TFloat32> product(Ops tf, Operand<TInt64> indices, Operand<TFloat32> values,
      Operand<TFloat32> dense, long rows, long cols, int threads, Route route) {
    long n = dense.shape().isUnknown() ? -1 : dense.shape().size(1);
    Operand<TFloat32> result;
    if (route == Route.NATIVE) {
      NativeSparseOps.load().ifPresent(why -> {
        throw new IllegalStateException("native sparse ops unavailable: " + why);
      });
      SparseMatMulGradients.registerNative();
      result = NativeSparseOps.spmm(tf, indices, values, dense, rows, cols, false, threads);
    } else {
      SparseMatMulGradients.registerTf();
      result = tf.sparse.sparseTensorDenseMatMul(indices, values, tf.constant(new long[] {rows, cols}), dense);
    }
    long[] shape = {rows, n};
    return Arrays.equals(shape, result.shape().asArray()) ? result : tf.reshape(result, tf.constant(shape));
  }
}
