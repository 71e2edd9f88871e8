package org.rigl.core.sparse;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.sparse.SparseTensorDenseMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * The gradients of the sparse products, registered once per process before any is needed: for
 * {@code RiglSpmm} (which has none, being this project's op) and for {@code SparseTensorDenseMatMul}
 * (TF Java registers none). An input without a gradient (the indices, the dense shape) gets zeros: TF
 * Java's gradient adapter cannot pass "no gradient", and nothing asks for those, so they never run.
 * A gradient function must not read shapes ({@code Output.shape()}): TF holds the graph's lock while it
 * runs, and the shape query waits on that lock forever.
 */
final class SparseMatMulGradients {
  private static boolean nativeRegistered;
  private static boolean tfRegistered;

  private SparseMatMulGradients() {}

  static synchronized void registerNative() {
    if (!nativeRegistered) {
      TensorFlow.registerCustomGradient("RiglSpmm", SparseMatMulGradients::spmmGradient);
      nativeRegistered = true;
    }
  }

  static synchronized void registerTf() {
    if (!tfRegistered) {
      TensorFlow.registerCustomGradient(SparseTensorDenseMatMul.OP_NAME, SparseMatMulGradients::tfGradient);
      tfRegistered = true;
    }
  }

  /**
   * Y = S·D: dvalues_j = dY[r_j, :]·D[c_j, :] and dD = Sᵀ·dY; for the adjoint Y = Sᵀ·D the roles of the
   * index columns swap: dvalues_j = D[r_j, :]·dY[c_j, :] and dD = S·dY.
   */
  private static List<Operand<?>> spmmGradient(Ops tf, GraphOperation op, List<Output<?>> gradients) {
    Output<TInt64> indices = op.input(0).expect(TInt64.class);
    Output<TFloat32> values = op.input(1).expect(TFloat32.class);
    Output<TFloat32> dense = op.input(2).expect(TFloat32.class);
    Output<TFloat32> dy = gradients.get(0).expect(TFloat32.class);
    int threads = (int) op.attributes().getAttrInt("threads");
    boolean adjoint = op.attributes().getAttrBool("adjoint");
    long rows = op.attributes().getAttrInt("rows");
    long denseRows = op.attributes().getAttrInt("dense_rows");
    if (denseRows < 0) {
      throw new IllegalStateException("RiglSpmm's gradient needs the op's dense_rows");
    }
    Operand<TFloat32> dValues = adjoint
        ? NativeSparseOps.sddmm(tf, indices, dense, dy, threads)
        : NativeSparseOps.sddmm(tf, indices, dy, dense, threads);
    Operand<TFloat32> dDense = NativeSparseOps.spmm(tf, indices, values, dy, denseRows, rows, !adjoint, threads);
    return Arrays.asList(tf.zerosLike(indices), dValues, dDense);
  }

  /**
   * Y = op(A)·op(B) with op a transpose where adjoint_a / adjoint_b: dB from the same op with A's adjoint
   * flipped (transposed back for adjoint_b); A's values from the dense dY·op(B)ᵀ (or its transpose for
   * adjoint_a) gathered at the nonzeros.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> tfGradient(Ops tf, GraphOperation op, List<Output<?>> gradients) {
    Output indices = op.input(0);
    Output values = op.input(1);
    Output<TInt64> shape = op.input(2).expect(TInt64.class);
    Output b = op.input(3);
    Output dy = gradients.get(0);
    boolean adjointA = op.attributes().getAttrBool("adjoint_a");
    boolean adjointB = op.attributes().getAttrBool("adjoint_b");
    Operand<TType> dB = tf.sparse.sparseTensorDenseMatMul(indices, values, shape, dy,
        SparseTensorDenseMatMul.adjointA(!adjointA));
    if (adjointB) {
      dB = tf.linalg.transpose(dB, tf.constant(new int[] {1, 0}));
    }
    Operand<TType> dA = adjointA
        ? tf.linalg.matMul(b, dy, MatMul.transposeA(adjointB), MatMul.transposeB(true))
        : tf.linalg.matMul(dy, b, MatMul.transposeB(!adjointB));
    return Arrays.asList(tf.zerosLike(indices), tf.gatherNd(dA, indices), tf.zerosLike(shape), dB);
  }
}
