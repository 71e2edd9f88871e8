package org.rigl.core.update;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt64;

/**
 * When masks are updated: port of {@code is_mask_update_iter}. An iteration at global step
 * {@code gs} updates iff {@code gs >= begin && (gs <= end || end < 0) && last + frequency <= gs},
 * where {@code last} ({@code last_mask_update_step}) starts at {@code -frequency}.
 */
public record UpdateSchedule(long beginStep, long endStep, long frequency) {
  public UpdateSchedule {
    if (frequency <= 0) {
      throw new IllegalArgumentException("maskupdate_frequency must be positive, got " + frequency);
    }
  }

  /** The predicate in the graph. */
  public Operand<TBool> isUpdate(Ops tf, Operand<TInt64> globalStep, Operand<TInt64> lastUpdateStep) {
    Operand<TBool> inRange =
        tf.math.logicalAnd(
            tf.math.greaterEqual(globalStep, tf.constant(beginStep)),
            tf.math.logicalOr(
                tf.math.lessEqual(globalStep, tf.constant(endStep)),
                tf.constant(endStep < 0)));
    Operand<TBool> due = tf.math.lessEqual(tf.math.add(lastUpdateStep, tf.constant(frequency)), globalStep);
    return tf.math.logicalAnd(inRange, due);
  }

  /** The same predicate in Java, for planning and tests. */
  public boolean isUpdate(long globalStep, long lastUpdateStep) {
    boolean inRange = globalStep >= beginStep && (globalStep <= endStep || endStep < 0);
    return inRange && lastUpdateStep + frequency <= globalStep;
  }
}
