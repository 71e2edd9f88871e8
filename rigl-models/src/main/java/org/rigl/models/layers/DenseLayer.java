package org.rigl.models.layers;

import org.rigl.core.sparse.SparseCompute;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/** A fully connected layer {@code x K + b} on a [batch, inputs] tensor. */
public record DenseLayer(Kernel kernel, Variable<TFloat32> bias) {

  public long units() {
    return kernel.shape().size(1);
  }

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return tf.nn.biasAdd(tf.linalg.matMul(x, kernel.value(tf)), tf.identity(bias));
  }

  /**
   * The same layer on a transposed {@code [inputs, batch]} tensor, giving {@code [units, batch]}: a
   * masked kernel multiplies as {@code compute} decides (over its nonzeros, or mask * W).
   */
  public Operand<TFloat32> applyTransposed(Ops tf, Operand<TFloat32> xT, SparseCompute compute) {
    Operand<TFloat32> yT = kernel.isMasked()
        ? compute.productTransposed(tf, kernel.masked(), xT)
        : tf.linalg.matMul(kernel.value(tf), xT, MatMul.transposeA(true));
    return tf.math.add(yT, tf.reshape(tf.identity(bias), tf.constant(new long[] {units(), 1})));
  }

  /**
   * The same layer from a transposed {@code [inputs, batch]} tensor to the usual {@code [batch, units]}:
   * a layer that multiplies mask * W reads its input transposed in the product itself, so only a layer
   * over its nonzeros pays a transpose.
   */
  public Operand<TFloat32> applyFromTransposed(Ops tf, Operand<TFloat32> xT, SparseCompute compute) {
    if (kernel.isMasked() && compute.computesSparse(kernel.masked())) {
      return tf.linalg.transpose(applyTransposed(tf, xT, compute), tf.constant(new int[] {1, 0}));
    }
    return tf.nn.biasAdd(tf.linalg.matMul(xT, kernel.value(tf), MatMul.transposeA(true)), tf.identity(bias));
  }
}
