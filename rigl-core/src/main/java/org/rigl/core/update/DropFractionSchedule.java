package org.rigl.core.update;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The drop fraction of each update, port of {@code get_drop_fraction}, computed in float32 with
 * the reference's op order so values match TF bit for bit.
 *
 * <p>Quirk kept from the reference: 'cosine' decays over {@code end - begin} steps but evaluates
 * the cosine at the absolute global step, not at {@code gs - begin}.
 */
public final class DropFractionSchedule {
  private enum Kind { CONSTANT, COSINE, EXPONENTIAL }

  private final Kind kind;
  private final float dropFraction;
  private final double exponent;
  private final UpdateSchedule schedule;

  private DropFractionSchedule(Kind kind, float dropFraction, double exponent, UpdateSchedule schedule) {
    this.kind = kind;
    this.dropFraction = dropFraction;
    this.exponent = exponent;
    this.schedule = schedule;
  }

  /** Parses {@code drop_fraction_anneal}: constant, cosine or exponential[_k]. */
  public static DropFractionSchedule parse(String anneal, double dropFraction, UpdateSchedule schedule) {
    if (dropFraction < 0 || dropFraction > 1) {
      throw new IllegalArgumentException("drop_fraction must be in [0, 1], got " + dropFraction);
    }
    float fraction = (float) dropFraction;
    if (anneal.equals("constant")) {
      return new DropFractionSchedule(Kind.CONSTANT, fraction, 1, schedule);
    }
    if (anneal.equals("cosine")) {
      return new DropFractionSchedule(Kind.COSINE, fraction, 1, schedule);
    }
    if (anneal.startsWith("exponential")) {
      return new DropFractionSchedule(Kind.EXPONENTIAL, fraction, NumberSuffix.extract(anneal), schedule);
    }
    throw new IllegalArgumentException(
        "drop_fraction_anneal: " + anneal + " is not valid (valid: constant, cosine, exponential_<k>)");
  }

  /** The annealed fraction at {@code globalStep}, before masking by the update predicate. */
  public Operand<TFloat32> annealed(Ops tf, Operand<TInt64> globalStep) {
    Operand<TFloat32> initial = tf.constant(dropFraction);
    long span = schedule.endStep() - schedule.beginStep();
    switch (kind) {
      case CONSTANT:
        return initial;
      case COSINE: {
        // learning_rate_decay.cosine_decay(initial, gs, decay_steps=end-begin), alpha = 0.
        Operand<TFloat32> decaySteps = tf.dtypes.cast(tf.constant(span), TFloat32.class);
        Operand<TFloat32> step = tf.math.minimum(tf.dtypes.cast(globalStep, TFloat32.class), decaySteps);
        Operand<TFloat32> completed = tf.math.div(step, decaySteps);
        Operand<TFloat32> cosine =
            tf.math.mul(
                tf.constant(0.5f),
                tf.math.add(tf.constant(1f), tf.math.cos(tf.math.mul(tf.constant((float) Math.PI), completed))));
        Operand<TFloat32> decayed = tf.math.add(tf.math.mul(tf.constant(1f), cosine), tf.constant(0f));
        return tf.math.mul(initial, decayed);
      }
      case EXPONENTIAL: {
        Operand<TFloat32> power =
            tf.math.div(
                tf.dtypes.cast(tf.math.sub(globalStep, tf.constant(schedule.beginStep())), TFloat32.class),
                tf.dtypes.cast(tf.constant(span), TFloat32.class));
        return tf.math.mul(initial, tf.math.pow(tf.math.sub(tf.constant(1f), power), tf.constant((float) exponent)));
      }
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  /** {@code where(isUpdate, annealed, 0)}: what the update uses and what is logged. */
  public Operand<TFloat32> build(Ops tf, Operand<TInt64> globalStep, Operand<TBool> isUpdate) {
    Operand<TFloat32> fraction = annealed(tf, globalStep);
    return tf.select(isUpdate, fraction, tf.zerosLike(fraction));
  }

  /** The schedule's name as the flag spells it. */
  public String describe() {
    return kind == Kind.EXPONENTIAL ? "exponential_" + exponent : kind.name().toLowerCase();
  }
}
