package org.rigl.core.train;

import java.util.List;
import org.rigl.core.sparse.SparseUpdates;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** TF1 {@code GradientDescentOptimizer}: W -= lr*g. No slots. */
public final class SgdOptimizer extends WeightOptimizer {
  public SgdOptimizer(Operand<TFloat32> learningRate) {
    super(learningRate);
  }

  @Override
  public String name() {
    return "GradientDescent";
  }

  @Override
  public List<String> slotNames() {
    return List.of();
  }

  @Override
  protected String slotVariableSuffix(String slotName) {
    throw new IllegalStateException("GradientDescent has no slots");
  }

  @Override
  protected Op applyDense(Ops tf, Operand<TFloat32> gradient, Variable<TFloat32> variable) {
    return tf.train.applyGradientDescent(variable, learningRate, gradient);
  }

  @Override
  protected Op applySparse(Ops tf, Operand<TFloat32> values, Operand<TInt64> indices, Variable<TFloat32> variable) {
    return SparseUpdates.sgd(tf, variable, indices, values, learningRate);
  }
}
