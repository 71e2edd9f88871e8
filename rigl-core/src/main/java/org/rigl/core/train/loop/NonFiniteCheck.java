package org.rigl.core.train.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.sparse.SparseUpdates;
import org.rigl.core.train.GradientAndVariable;
import org.rigl.core.train.Gradients;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The in-graph half of the loop's divergence guard. Each step: the loss and the sum of every trained
 * variable as the step left it, one reduction per variable fetched with the step's own run (NaN or
 * infinity anywhere in a variable makes its sum NaN or infinite; a sum that merely overflowed is told
 * apart by an exact check of that variable alone). Before each save: an exact check of every
 * floating-point variable (masks, optimizer slots, batch-norm statistics, any state), in a run of its
 * own, so no checkpoint ever holds a non-finite value. A session builds the check once with its graph,
 * reports {@link #firstNonFinite} in each {@link StepResult} and answers
 * {@link TrainingSession#firstNonFiniteVariable} with {@link #firstNonFiniteVariable}.
 */
public final class NonFiniteCheck {
  /** The name the loss is reported under. */
  public static final String LOSS = "loss";

  private final Operand<TFloat32> sums;
  /** The loss, then the trained variables. */
  private final List<String> stepNames;
  /** Every floating-point variable's name and whether all its values are finite, read outside the step. */
  private final List<String> variableNames;
  private final List<Operand<TBool>> exact;
  private final Operand<TBool> allExact;

  private NonFiniteCheck(Operand<TFloat32> sums, List<String> stepNames, List<String> variableNames,
      List<Operand<TBool>> exact, Operand<TBool> allExact) {
    this.sums = sums;
    this.stepNames = stepNames;
    this.variableNames = variableNames;
    this.exact = exact;
    this.allExact = allExact;
  }

  /**
   * Checks {@code loss} and the variables {@code gradients} train after the ops of {@code step} have
   * run, and every floating-point variable of {@code graph} before a save.
   */
  public static NonFiniteCheck afterStep(
      Ops tf, Graph graph, List<? extends Op> step, Operand<TFloat32> loss, Gradients gradients) {
    Ops scoped = tf.withSubScope("non_finite_check");
    Ops after = scoped.withControlDependencies(List.copyOf(step));
    List<String> variableNames = new ArrayList<>();
    List<Operand<TBool>> exact = new ArrayList<>();
    for (Variable<?> v : GraphVariables.all(graph)) {
      if (isFloatingPoint(v.asOutput().dataType())) {
        @SuppressWarnings("unchecked")
        Operand<? extends TNumber> values = (Operand<? extends TNumber>) v;
        variableNames.add(v.op().name());
        exact.add(exactlyFinite(scoped, values));
      }
    }
    List<Operand<TFloat32>> sums = new ArrayList<>();
    List<String> stepNames = new ArrayList<>();
    sums.add(sumOf(after, loss));
    stepNames.add(LOSS);
    for (GradientAndVariable trained : gradients.variableGradients()) {
      // A layer computed over its nonzeros updates only those; summing them keeps the check O(nnz).
      sums.add(sumOf(after, trained.isSparse() ? SparseUpdates.gather(after, trained.variable(), trained.indices())
          : trained.variable()));
      stepNames.add(trained.variable().op().name());
    }
    Operand<TBool> allExact = exact.isEmpty() ? scoped.constant(new boolean[0]) : scoped.stack(exact);
    return new NonFiniteCheck(after.stack(sums), List.copyOf(stepNames), List.copyOf(variableNames),
        List.copyOf(exact), allExact);
  }

  /** The vector to fetch with the step: the loss, then each trained variable's sum. */
  public Operand<TFloat32> tensor() {
    return sums;
  }

  /**
   * From the fetched vector, the first checked tensor (the loss, then the trained variables) that
   * holds NaN or infinity; a variable whose sum alone overflowed is checked exactly in
   * {@code session}, without running the step again.
   */
  public Optional<String> firstNonFinite(Tensor fetched, Session session) {
    TFloat32 values = (TFloat32) fetched;
    for (int i = 0; i < stepNames.size(); i++) {
      if (!Float.isFinite(values.getFloat(i)) && (i == 0 || !exactlyFinite(session, stepNames.get(i)))) {
        return Optional.of(stepNames.get(i));
      }
    }
    return Optional.empty();
  }

  /** The first floating-point variable of the graph, in creation order, that holds NaN or infinity now. */
  public Optional<String> firstNonFiniteVariable(Session session) {
    try (Result r = session.runner().fetch(allExact).run()) {
      TBool verdicts = (TBool) r.get(0);
      for (int i = 0; i < variableNames.size(); i++) {
        if (!verdicts.getBoolean(i)) {
          return Optional.of(variableNames.get(i));
        }
      }
    }
    return Optional.empty();
  }

  private boolean exactlyFinite(Session session, String variable) {
    int i = variableNames.indexOf(variable);
    if (i < 0) {
      return false;
    }
    try (Result r = session.runner().fetch(exact.get(i)).run()) {
      return ((TBool) r.get(0)).getBoolean();
    }
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> sumOf(Ops tf, Operand<? extends TNumber> values) {
    Operand<? extends TNumber> sum = tf.reduceSum(flatIfRankUnknown(tf, values), allAxes(tf, values));
    return values.type() == TFloat32.class ? (Operand<TFloat32>) sum : tf.dtypes.cast(sum, TFloat32.class);
  }

  private static Operand<TBool> exactlyFinite(Ops tf, Operand<? extends TNumber> values) {
    return tf.reduceAll(tf.math.isFinite(flatIfRankUnknown(tf, values)), allAxes(tf, values));
  }

  private static <T extends TNumber> Operand<T> flatIfRankUnknown(Ops tf, Operand<T> values) {
    return values.shape().isUnknown() ? tf.reshape(values, tf.constant(new int[] {-1})) : values;
  }

  /** Every axis of {@code values} (the one axis of its flattened form when its rank is unknown). */
  private static Operand<TInt32> allAxes(Ops tf, Operand<?> values) {
    int rank = values.shape().isUnknown() ? 1 : values.shape().numDimensions();
    return tf.constant(IntStream.range(0, rank).toArray());
  }

  /** A variable's output is a reference type ({@code DT_FLOAT_REF}), a value's the plain one. */
  private static boolean isFloatingPoint(DataType type) {
    return switch (type) {
      case DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_FLOAT_REF, DT_DOUBLE_REF, DT_HALF_REF, DT_BFLOAT16_REF -> true;
      default -> false;
    };
  }
}
