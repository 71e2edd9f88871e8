package org.rigl.core.train;

import java.util.List;
import org.rigl.core.sparse.SparseUpdates;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** TF1 {@code MomentumOptimizer}: accum = m*accum + g; W -= lr*accum (Nesterov: lr*g + lr*m*accum). */
public final class MomentumOptimizer extends WeightOptimizer {
  private final float momentum;
  private final boolean useNesterov;

  public MomentumOptimizer(Operand<TFloat32> learningRate, float momentum, boolean useNesterov) {
    super(learningRate);
    this.momentum = momentum;
    this.useNesterov = useNesterov;
  }

  @Override
  public String name() {
    return "Momentum";
  }

  @Override
  public List<String> slotNames() {
    return List.of("momentum");
  }

  @Override
  protected String slotVariableSuffix(String slotName) {
    return "Momentum";
  }

  @Override
  protected Op applyDense(Ops tf, Operand<TFloat32> gradient, Variable<TFloat32> variable) {
    return tf.train.applyMomentum(
        variable,
        slots(variable).get("momentum"),
        learningRate,
        gradient,
        tf.constant(momentum),
        ApplyMomentum.useNesterov(useNesterov));
  }

  @Override
  protected Op applySparse(Ops tf, Operand<TFloat32> values, Operand<TInt64> indices, Variable<TFloat32> variable) {
    return SparseUpdates.momentum(tf, variable, slots(variable).get("momentum"), indices, values, learningRate,
        tf.constant(momentum), useNesterov);
  }
}
