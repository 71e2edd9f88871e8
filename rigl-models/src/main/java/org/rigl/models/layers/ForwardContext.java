package org.rigl.models.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * One application of a network to an input: the training flag and the update ops (batch-norm
 * moving averages) that TF1 layers put in the {@code UPDATE_OPS} collection.
 */
public final class ForwardContext {
  private final Ops tf;
  private final boolean training;
  private final List<Op> updateOps = new ArrayList<>();

  public ForwardContext(Ops tf, boolean training) {
    this.tf = tf;
    this.training = training;
  }

  public Ops tf() {
    return tf;
  }

  public boolean training() {
    return training;
  }

  public void addUpdate(Op update) {
    updateOps.add(update);
  }

  public List<Op> updateOps() {
    return Collections.unmodifiableList(updateOps);
  }
}
