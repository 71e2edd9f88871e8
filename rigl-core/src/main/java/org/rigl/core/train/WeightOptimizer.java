package org.rigl.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rigl.core.graph.ScopedNames;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The optimizer that takes the weight step (Momentum, Adam, SGD), TF1-style, over TF's own training
 * kernels (ApplyMomentum, ApplyAdam, ...). A sparse training method wraps it.
 *
 * <p>Why not tensorflow-framework's optimizers: in 1.1.0 they take the learning rate as a Java
 * float (no schedules), name slots {@code var-momentum} through {@code withName}, which throws for
 * any variable inside a scope, and give no way to list slots. The reference's sparse optimizers
 * need a tensor learning rate, slots named as TF1 names them ({@code <var>/Momentum}) for
 * checkpoint compatibility, and every slot of a variable to reset grown connections.
 *
 * <p>Slots are created eagerly by {@link #createSlots} (before any conditional is built) and
 * {@link #applyGradients} never increments the global step: the caller decides.
 */
public abstract class WeightOptimizer {
  private final Map<String, Map<String, Variable<TFloat32>>> slotsByVariable = new LinkedHashMap<>();
  private final List<Variable<?>> nonSlotVariables = new ArrayList<>();
  protected final Operand<TFloat32> learningRate;

  protected WeightOptimizer(Operand<TFloat32> learningRate) {
    this.learningRate = learningRate;
  }

  /** TF1's optimizer name, used for slot and non-slot variable names. */
  public abstract String name();

  /** TF1's slot names (get_slot_names), in creation order: e.g. ["momentum"] or ["m", "v"]. */
  public abstract List<String> slotNames();

  /** TF1's variable name suffix for a slot: "Momentum", "Adam", "Adam_1". */
  protected abstract String slotVariableSuffix(String slotName);

  /** Creates non-slot state (e.g. Adam's beta powers); called once before the first slot. */
  protected void createNonSlotVariables(Ops tf) {}

  /** Builds the dense update of one variable; slots exist already. */
  protected abstract Op applyDense(Ops tf, Operand<TFloat32> gradient, Variable<TFloat32> variable);

  /**
   * Builds the update of the positions {@code indices} ({@code [nnz, rank]}) of a variable from one
   * gradient value per position, as {@link #applyDense} would update them from a dense gradient that
   * is zero elsewhere; the other positions and their slots are left as they are (a dense step would
   * decay the slots there, which only positions a mask update grows read again, after resetting them).
   */
  protected abstract Op applySparse(Ops tf, Operand<TFloat32> values, Operand<TInt64> indices, Variable<TFloat32> variable);

  /** Ops that run after every variable is updated (e.g. Adam's beta-power decay). */
  protected List<Op> finish(Ops tf, List<Op> updates) {
    return updates;
  }

  /** Creates every slot of these variables (zeros), idempotently. */
  public void createSlots(Ops tf, List<Variable<TFloat32>> variables) {
    if (slotsByVariable.isEmpty() && nonSlotVariables.isEmpty()) {
      createNonSlotVariables(tf);
    }
    for (Variable<TFloat32> v : variables) {
      String varName = v.op().name();
      if (slotsByVariable.containsKey(varName)) {
        continue;
      }
      Map<String, Variable<TFloat32>> slots = new LinkedHashMap<>();
      Shape shape = v.shape();
      for (String slot : slotNames()) {
        String name = varName + "/" + slotVariableSuffix(slot);
        slots.put(slot, ScopedNames.variable(tf, name, tf.zeros(tf.constant(shape), TFloat32.class)));
      }
      slotsByVariable.put(varName, slots);
    }
  }

  /** Registers a non-slot variable so that checkpoints and tests can find it. */
  protected <V extends Variable<?>> V nonSlot(V variable) {
    nonSlotVariables.add(variable);
    return variable;
  }

  /** The slots of a variable by slot name (empty map if it has none). */
  public Map<String, Variable<TFloat32>> slots(Variable<TFloat32> variable) {
    return slotsByVariable.getOrDefault(variable.op().name(), Map.of());
  }

  /** Every variable this optimizer created: slots in creation order, then non-slot state. */
  public List<Variable<?>> variables() {
    List<Variable<?>> all = new ArrayList<>();
    slotsByVariable.values().forEach(m -> all.addAll(m.values()));
    all.addAll(nonSlotVariables);
    return all;
  }

  /**
   * Applies the gradients (without touching the global step); returns one op per update.
   *
   * <p>No update starts before every gradient is computed. Layers read a VariableV2 through Identity,
   * whose output shares the variable's buffer, and backward ops read it again (a dense layer's input
   * gradient multiplies by its kernel): an update run early, in place, would change the weights other
   * gradients are still computed from, which made plain dense layers diverge. The reference's resource
   * variables read snapshots instead. The barrier is on the gradient values, not on {@code tf}, whose
   * control dependencies (a conditional's branch, SNFS's moving averages) stay as the caller set them.
   */
  public List<Op> applyGradients(Ops tf, List<GradientAndVariable> gradients) {
    createSlots(tf, gradients.stream().map(GradientAndVariable::variable).toList());
    Ops afterAllGradients = tf.withControlDependencies(gradients.stream().<Op>map(gv -> gv.gradient()::op).toList());
    List<Op> updates = new ArrayList<>();
    for (GradientAndVariable gv : gradients) {
      Operand<TFloat32> gradient = afterAllGradients.identity(gv.gradient());
      updates.add(gv.isSparse()
          ? applySparse(tf, gradient, gv.indices(), gv.variable())
          : applyDense(tf, gradient, gv.variable()));
    }
    return finish(tf, updates);
  }
}
