package org.rigl.core.checkpoint;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.rigl.core.sparse.NonzeroIndices;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.op.core.Variable;

/**
 * The variables of a graph and the reference's restore subsets: everything (TF1 Saver's
 * default), masks only ({@code --load_mask_dir}: names ending in {@code mask}) and parameters
 * only ({@code --initial_value_checkpoint}: {@code gamma}, {@code beta}, {@code weights},
 * {@code biases}, the reference's {@code PARAM_SUFFIXES}).
 */
public final class GraphVariables {
  /** imagenet_train_eval.PARAM_SUFFIXES. */
  public static final Set<String> PARAM_SUFFIXES = Set.of("gamma", "beta", "weights", "biases");

  private GraphVariables() {}

  /**
   * Every VariableV2 in the graph, in creation order, except sparse compute's derived state
   * ({@link NonzeroIndices}), which is rebuilt from the masks and never saved.
   */
  public static List<Variable<?>> all(Graph graph) {
    List<Variable<?>> variables = new ArrayList<>();
    Iterator<GraphOperation> ops = graph.operations();
    while (ops.hasNext()) {
      GraphOperation op = ops.next();
      if (op.type().equals(Variable.OP_NAME) && !NonzeroIndices.isDerived(op.name())) {
        variables.add(new Variable<>(op));
      }
    }
    return variables;
  }

  /** {@code load_mask_dir}: variables whose last name component is {@code mask}. */
  public static Predicate<String> masksOnly() {
    return name -> lastComponent(name).equals("mask");
  }

  /** {@code initial_value_checkpoint}: variables ending in a parameter suffix (not optimizer slots). */
  public static Predicate<String> parametersOnly() {
    return name -> PARAM_SUFFIXES.contains(lastComponent(name));
  }

  private static String lastComponent(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
