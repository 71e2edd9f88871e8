package org.rigl.models.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * One application of a network to an input: the training flag and the update ops (batch-norm
 * moving averages) that TF1 layers put in the {@code UPDATE_OPS} collection.
 *
 * @param pending the update ops added so far, in order
 */
public record ForwardContext(Ops tf, boolean training, List<Op> pending) {
  public ForwardContext(Ops tf, boolean training) {
    this(tf, training, new ArrayList<>());
  }

  public void addUpdate(Op update) {
    pending.add(update);
  }

  public List<Op> updateOps() {
    return Collections.unmodifiableList(pending);
  }
}
