package org.rigl.core.train;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A gradient and the variable it updates: dense (the variable's shape), or, for a layer computed
 * over its nonzeros, one value per position of {@code indices} ({@code [nnz, rank]} into the
 * variable), which are the only positions the step updates.
 */
public record GradientAndVariable(Operand<TFloat32> gradient, Variable<TFloat32> variable, Operand<TInt64> indices) {

  public GradientAndVariable(Operand<TFloat32> gradient, Variable<TFloat32> variable) {
    this(gradient, variable, null);
  }

  /** Whether the gradient holds only the values at {@link #indices}. */
  public boolean isSparse() {
    return indices != null;
  }

  /** The same kind of gradient (same positions) with other values: a transformed gradient. */
  public GradientAndVariable withGradient(Operand<TFloat32> newGradient) {
    return new GradientAndVariable(newGradient, variable, indices);
  }
}
