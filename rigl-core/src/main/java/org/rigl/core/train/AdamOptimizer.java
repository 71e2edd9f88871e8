package org.rigl.core.train;

import java.util.ArrayList;
import java.util.List;
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

  /** ApplyAdam's arithmetic at the given positions (its non-fused CPU form). */
  @Override
  protected Op applySparse(Ops tf, Operand<TFloat32> values, Operand<TInt64> indices, Variable<TFloat32> variable) {
    var slots = slots(variable);
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> lr = tf.math.div(tf.math.mul(learningRate, tf.math.sqrt(tf.math.sub(one, beta2Power))),
        tf.math.sub(one, beta1Power));
    Operand<TFloat32> m0 = tf.gatherNd(slots.get("m"), indices);
    Operand<TFloat32> v0 = tf.gatherNd(slots.get("v"), indices);
    Operand<TFloat32> m = tf.math.add(m0, tf.math.mul(tf.math.sub(values, m0), tf.constant(1f - beta1)));
    Operand<TFloat32> v = tf.math.add(v0, tf.math.mul(tf.math.sub(tf.math.square(values), v0), tf.constant(1f - beta2)));
    Operand<TFloat32> step = tf.math.div(tf.math.mul(m, lr), tf.math.add(tf.math.sqrt(v), tf.constant(epsilon)));
    Op storedM = tf.scatterNdUpdate(slots.get("m"), indices, m);
    Op storedV = tf.scatterNdUpdate(slots.get("v"), indices, v);
    return tf.withControlDependencies(List.of(storedM, storedV)).scatterNdSub(variable, indices, step);
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
