package org.rigl.core.train.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rigl.core.checkpoint.GraphVariables;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * The in-graph half of the loop's divergence guard: one small boolean vector, fetched with the
 * training step's own run, saying for the step's loss and for every floating-point variable as it
 * stands after the step whether all its values are finite. A session builds it once with its graph
 * and reports {@link #firstNonFinite} in each {@link StepResult}; {@link TrainingLoop} stops the run
 * on the first report, before anything is saved. The check reads each variable once per step (no
 * copy, one boolean per element), a small fraction of a step that reads and writes them several times.
 */
public final class NonFiniteCheck {
  /** The name the loss is reported under. */
  public static final String LOSS = "loss";

  private final Operand<TBool> finite;
  private final List<String> names;

  private NonFiniteCheck(Operand<TBool> finite, List<String> names) {
    this.finite = finite;
    this.names = names;
  }

  /**
   * Checks {@code loss} and every floating-point variable of {@code graph} (weights, masks, optimizer
   * slots, batch-norm statistics, any state) after the ops of {@code step} have run.
   */
  public static NonFiniteCheck afterStep(Ops tf, Graph graph, List<? extends Op> step, Operand<TFloat32> loss) {
    Ops after = tf.withSubScope("non_finite_check").withControlDependencies(List.copyOf(step));
    List<Operand<TBool>> checks = new ArrayList<>();
    List<String> names = new ArrayList<>();
    checks.add(allFinite(after, loss));
    names.add(LOSS);
    for (Variable<?> v : GraphVariables.all(graph)) {
      if (isFloatingPoint(v.asOutput().dataType())) {
        @SuppressWarnings("unchecked")
        Operand<? extends TNumber> values = (Operand<? extends TNumber>) v;
        checks.add(allFinite(after, values));
        names.add(v.op().name());
      }
    }
    return new NonFiniteCheck(after.stack(checks), List.copyOf(names));
  }

  /** The vector to fetch with the step: one entry per checked tensor, true where all values are finite. */
  public Operand<TBool> tensor() {
    return finite;
  }

  /** The first checked tensor (the loss first, then variables in creation order) the fetched vector reports non-finite. */
  public Optional<String> firstNonFinite(Tensor fetched) {
    TBool verdicts = (TBool) fetched;
    for (int i = 0; i < names.size(); i++) {
      if (!verdicts.getBoolean(i)) {
        return Optional.of(names.get(i));
      }
    }
    return Optional.empty();
  }

  private static Operand<TBool> allFinite(Ops tf, Operand<? extends TNumber> values) {
    Operand<TBool> elementwise = tf.math.isFinite(values);
    return tf.reduceAll(tf.reshape(elementwise, tf.constant(new int[] {-1})), tf.constant(0));
  }

  /** A variable's output is a reference type ({@code DT_FLOAT_REF}), a value's the plain one. */
  private static boolean isFloatingPoint(DataType type) {
    return switch (type) {
      case DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_FLOAT_REF, DT_DOUBLE_REF, DT_HALF_REF, DT_BFLOAT16_REF -> true;
      default -> false;
    };
  }
}
