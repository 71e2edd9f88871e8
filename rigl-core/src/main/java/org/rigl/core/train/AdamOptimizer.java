package org.rigl.core.train;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.sparse.SparseUpdates;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * TF1 {@code AdamOptimizer}: slots {@code <var>/Adam} (m) and {@code <var>/Adam_1} (v), non-slot
 * {@code beta1_power}, {@code beta2_power} decayed after every update, as TF1 names them.
 */
public final class AdamOptimizer extends WeightOptimizer {
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private Variable<TFloat32> beta1Power;
  private Variable<TFloat32> beta2Power;

  public AdamOptimizer(Operand<TFloat32> learningRate) {
    this(learningRate, 0.9f, 0.999f, 1e-8f);
  }

  public AdamOptimizer(Operand<TFloat32> learningRate, float beta1, float beta2, float epsilon) {
    super(learningRate);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  public String name() {
    return "Adam";
  }

  @Override
  public List<String> slotNames() {
    return List.of("m", "v");
  }

  @Override
  protected String slotVariableSuffix(String slotName) {
    return slotName.equals("m") ? "Adam" : "Adam_1";
  }

  @Override
  protected void createNonSlotVariables(Ops tf) {
    beta1Power = nonSlot(tf.withName("beta1_power").variable(tf.constant(beta1)));
    beta2Power = nonSlot(tf.withName("beta2_power").variable(tf.constant(beta2)));
  }

  @Override
  protected Op applyDense(Ops tf, Operand<TFloat32> gradient, Variable<TFloat32> variable) {
    var slots = slots(variable);
    return tf.train.applyAdam(
        variable,
        slots.get("m"),
        slots.get("v"),
        beta1Power,
        beta2Power,
        learningRate,
        tf.constant(beta1),
        tf.constant(beta2),
        tf.constant(epsilon),
        gradient);
  }

  @Override
  protected Op applySparse(Ops tf, Operand<TFloat32> values, Operand<TInt64> indices, Variable<TFloat32> variable) {
    var slots = slots(variable);
    return SparseUpdates.adam(tf, variable, slots.get("m"), slots.get("v"), indices, values, beta1Power, beta2Power,
        learningRate, beta1, beta2, epsilon);
  }

  @Override
  protected List<Op> finish(Ops tf, List<Op> updates) {
    Ops after = tf.withControlDependencies(updates);
    List<Op> all = new ArrayList<>(updates);
    all.add(after.assign(beta1Power, after.math.mul(beta1Power, after.constant(beta1))));
    all.add(after.assign(beta2Power, after.math.mul(beta2Power, after.constant(beta2))));
    return all;
  }
}
