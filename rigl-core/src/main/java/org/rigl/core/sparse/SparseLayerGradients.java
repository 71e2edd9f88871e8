package org.rigl.core.sparse;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * What the backward pass leaves of a layer computed over its nonzeros besides its active weights'
 * gradient: its indices (rebuilt after a mask update), its products' inputs Xᵀ {@code [in, batch]}
 * and the loss's gradients at their outputs dYᵀ {@code [out, batch]}. Those form the dense
 * dL/d(mask·W) = Σ X·dYᵀ, which only mask updates (and SNFS's moving average) read, at the cost of
 * one dense product per use.
 */
public record SparseLayerGradients(
    NonzeroIndices indices, List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> outputGradients) {
  public SparseLayerGradients {
    if (inputs.size() != outputGradients.size() || inputs.isEmpty()) {
      throw new IllegalArgumentException("one output gradient per product input, at least one");
    }
  }

  /** dL/d(mask·W) {@code [in, out]}, built with {@code tf} (inside a mask update's branch, say). */
  public Operand<TFloat32> maskedWeightGradient(Ops tf) {
    List<Operand<TFloat32>> terms = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      terms.add(tf.linalg.matMul(inputs.get(i), outputGradients.get(i), MatMul.transposeB(true)));
    }
    return terms.size() == 1 ? terms.get(0) : tf.math.addN(terms);
  }
}
