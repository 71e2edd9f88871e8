package org.rigl.core.graph;

import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.SwitchCond;
import org.tensorflow.types.TBool;

/**
 * A graph conditional built from Switch/Merge, the TF1 {@code tf.cond} without functions.
 *
 * <p>Each branch receives an {@link Ops} whose ops all carry a control dependency on that branch's
 * pivot, so on the untaken side they are dead and never execute. Branches must create every op
 * through the {@code Ops} they are given and must not create variables. Tensors built outside the
 * branches (gradients, for instance) are computed whichever branch runs, as in the reference.
 */
public final class GraphCond {
  private GraphCond() {}

  /** Returns an op that runs {@code whenTrue} if {@code predicate} holds, else {@code whenFalse}. */
  public static Op cond(
      Ops tf,
      Operand<TBool> predicate,
      Function<Ops, List<Op>> whenTrue,
      Function<Ops, List<Op>> whenFalse,
      String name) {
    Ops scoped = tf.withSubScope(name);
    SwitchCond<TBool> gate = scoped.switchCond(predicate, predicate);
    Operand<TBool> pivotTrue = scoped.withName("pivot_t").identity(gate.outputTrue());
    Operand<TBool> pivotFalse = scoped.withName("pivot_f").identity(gate.outputFalse());
    Operand<TBool> doneTrue = branch(scoped, pivotTrue, whenTrue, "done_t");
    Operand<TBool> doneFalse = branch(scoped, pivotFalse, whenFalse, "done_f");
    return scoped.withName("merge").merge(List.of(doneTrue, doneFalse));
  }

  private static Operand<TBool> branch(
      Ops tf, Operand<TBool> pivot, Function<Ops, List<Op>> body, String doneName) {
    List<Op> ops = body.apply(tf.withControlDependencies(List.of(pivot)));
    Ops done = ops.isEmpty() ? tf : tf.withControlDependencies(ops);
    return done.withName(doneName).identity(pivot);
  }
}
