package org.rigl.core.train;

import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TInt64;

/** TF1's {@code global_step}: an int64 scalar variable named exactly "global_step", starting at 0. */
public final class GlobalStep {
  private GlobalStep() {}

  public static Variable<TInt64> create(Ops tf) {
    return tf.withName("global_step").variable(tf.constant(0L));
  }
}
