package org.rigl.core.train;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The reference's learning-rate schedules as float32 graph ops, in TF's op order. */
public final class LearningRates {
  private LearningRates() {}

  /** One step of {@code LR_SCHEDULE}: from {@code startEpoch} on, the rate is {@code scaled * multiplier}. */
  public record EpochStep(double multiplier, double startEpoch) {}

  /** ResNet/VGG: warm-up none, then x0.1 at epochs 30, 70, 90, 120 (imagenet_train_eval.set_lr_schedule). */
  public static final List<EpochStep> RESNET_SCHEDULE =
      List.of(new EpochStep(1.0, 0), new EpochStep(0.1, 30), new EpochStep(0.01, 70), new EpochStep(0.001, 90),
          new EpochStep(0.0001, 120));

  /** MobileNet v1/v2: linear warm-up over 8 epochs, then steps at 40, 75, 95, 120. */
  public static final List<EpochStep> MOBILENET_SCHEDULE =
      List.of(new EpochStep(1.0, 8), new EpochStep(0.1, 40), new EpochStep(0.01, 75), new EpochStep(0.001, 95),
          new EpochStep(0.0003, 120));

  /** {@code current_epoch = float32(gs) / (num_train_images / train_batch_size)}. */
  public static Operand<TFloat32> currentEpoch(Ops tf, Operand<TInt64> globalStep, long numTrainImages, long batchSize) {
    double stepsPerEpoch = (double) numTrainImages / batchSize;
    return tf.math.div(tf.dtypes.cast(globalStep, TFloat32.class), tf.constant((float) stepsPerEpoch));
  }

  /**
   * Port of {@code lr_schedule} without SGDR: linear warm-up to the first step's start epoch, then
   * {@code scaled_lr * multiplier} from each start epoch on; {@code scaled_lr = base * batch / 256}.
   */
  public static Operand<TFloat32> epochSteps(
      Ops tf, Operand<TFloat32> epoch, double baseLearningRate, long batchSize, List<EpochStep> schedule) {
    double scaled = baseLearningRate * (batchSize / 256.0);
    EpochStep first = schedule.get(0);
    // With a start epoch of 0 the reference divides by zero and the first where() discards it.
    Operand<TFloat32> rate =
        first.startEpoch() == 0
            ? tf.constant((float) (scaled * first.multiplier()))
            : tf.math.div(tf.math.mul(tf.constant((float) (scaled * first.multiplier())), epoch),
                tf.constant((float) first.startEpoch()));
    for (EpochStep step : schedule) {
      rate = tf.select(
          tf.math.less(epoch, tf.constant((float) step.startEpoch())), rate, tf.constant((float) (scaled * step.multiplier())));
    }
    return rate;
  }

  /**
   * TF's {@code cosine_decay_restarts(lr, epoch, first_decay_steps, t_mul, m_mul, alpha=0)}, which
   * the reference uses with {@code use_sgdr} (cycles measured in epochs).
   */
  public static Operand<TFloat32> cosineDecayRestarts(
      Ops tf, float learningRate, Operand<TFloat32> step, float firstDecaySteps, float tMul, float mMul) {
    Operand<TFloat32> completed = tf.math.div(step, tf.constant(firstDecaySteps));
    Operand<TFloat32> restart;
    if (tMul == 1f) {
      restart = tf.math.floor(completed);
      completed = tf.math.sub(completed, restart);
    } else {
      Operand<TFloat32> t = tf.constant(tMul);
      restart = tf.math.floor(tf.math.div(
          tf.math.log(tf.math.sub(tf.constant(1f), tf.math.mul(completed, tf.math.sub(tf.constant(1f), t)))),
          tf.math.log(t)));
      Operand<TFloat32> sum = tf.math.div(tf.math.sub(tf.constant(1f), tf.math.pow(t, restart)), tf.math.sub(tf.constant(1f), t));
      completed = tf.math.div(tf.math.sub(completed, sum), tf.math.pow(t, restart));
    }
    Operand<TFloat32> factor = tf.math.pow(tf.constant(mMul), restart);
    Operand<TFloat32> cosine =
        tf.math.mul(tf.math.mul(tf.constant(0.5f), factor),
            tf.math.add(tf.constant(1f), tf.math.cos(tf.math.mul(tf.constant((float) Math.PI), completed))));
    return tf.math.mul(tf.constant(learningRate), cosine);
  }

  /**
   * TF's {@code piecewise_constant(x, boundaries, values)}: {@code values[0]} for x <= b0,
   * {@code values[i]} for b(i-1) < x <= b(i), the last value beyond the last boundary.
   */
  public static Operand<TFloat32> piecewiseConstant(Ops tf, Operand<TInt64> x, long[] boundaries, float[] values) {
    if (values.length != boundaries.length + 1) {
      throw new IllegalArgumentException("piecewise_constant needs one more value than boundaries");
    }
    Operand<TFloat32> rate = tf.constant(values[values.length - 1]);
    for (int i = boundaries.length - 1; i >= 0; i--) {
      rate = tf.select(tf.math.lessEqual(x, tf.constant(boundaries[i])), tf.constant(values[i]), rate);
    }
    return rate;
  }
}
