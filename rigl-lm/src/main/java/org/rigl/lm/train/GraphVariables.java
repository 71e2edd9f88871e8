package org.rigl.lm.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.op.core.Variable;

/**
 * Every variable of a graph, in creation order: what a TF1 Saver saves by default. Read from the
 * graph because some state (last_mask_update_step, optimizer powers, SNFS averages) is created
 * inside the engine's builders.
 */
final class GraphVariables {
  private GraphVariables() {}

  static List<Variable<?>> all(Graph graph) {
    List<Variable<?>> variables = new ArrayList<>();
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.type().equals(Variable.OP_NAME)) {
        variables.add(new Variable<>(op));
      }
    }
    return variables;
  }
}
