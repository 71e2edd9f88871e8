package org.rigl.core.graph;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TType;

/**
 * Variables with exact TF1 names such as {@code resnet_model/bottleneck_1_block_group1_1_1/mask}.
 *
 * <p>TF Java's scopes cannot give them: {@code withName} rejects '/', and re-entering a sub-scope
 * makes it unique ({@code layer} becomes {@code layer_1} the second time). Checkpoint
 * compatibility depends on these names, so variables are built with the graph's op builder under
 * the exact name, as initializers in TF Java's init scope.
 */
public final class ScopedNames {
  private ScopedNames() {}

  /** A {@code VariableV2} named exactly {@code fullName}, initialised to {@code initialValue}. */
  public static <T extends TType> Variable<T> variable(Ops tf, String fullName, Operand<T> initialValue) {
    Graph graph = (Graph) tf.scope().env();
    if (graph.operation(fullName) != null) {
      throw new IllegalArgumentException("a variable or op named '" + fullName + "' already exists");
    }
    Scope init = tf.scope().withInitScope();
    GraphOperation op =
        graph
            .opBuilder(Variable.OP_NAME, fullName, init)
            .setAttr("shape", initialValue.shape())
            .setAttr("dtype", initialValue.asOutput().dataType())
            .build();
    Variable<T> variable = new Variable<>(op);
    Ops.create(graph).withInitScope().assign(variable, initialValue);
    return variable;
  }
}
