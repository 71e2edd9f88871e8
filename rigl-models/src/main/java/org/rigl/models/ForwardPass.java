package org.rigl.models;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A network applied to one input: the logits and the batch-norm moving-average updates (TF1's
 * {@code UPDATE_OPS}; empty in evaluation mode), which a train op must depend on.
 */
public record ForwardPass(Operand<TFloat32> logits, List<Op> updateOps) {

  public ForwardPass {
    updateOps = List.copyOf(updateOps);
  }

  /** One op running every update (a no-op when there are none). */
  public Op updates(Ops tf) {
    return tf.withControlDependencies(updateOps).noOp();
  }
}
