package org.rigl.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Port of {@code tf.layers.batch_normalization} as the reference calls it (momentum 0.9, epsilon
 * 1e-5, center and scale) over the channel axis of an NHWC tensor. Variables
 * {@code parent/batch_normalization[_k]/{gamma,beta,moving_mean,moving_variance}}, named by
 * creation index like TF1's default layer names.
 *
 * <p>Training normalises with the batch statistics and adds the moving-average updates
 * {@code moving -= (moving - batch) * (1 - momentum)} to the forward context. What "batch
 * variance" means follows TF1: the fused layer ({@code fused=True}, ImageNet models) feeds the
 * Bessel-corrected variance FusedBatchNorm returns, with {@code 1 - momentum} computed in float32;
 * the non-fused layer (CIFAR WRN) feeds the biased variance of {@code nn.moments}, with
 * {@code 1 - momentum} computed in double. Evaluation normalises with the moving averages.
 */
public final class BatchNorm {
  public static final float MOMENTUM = 0.9f;
  public static final float EPSILON = 1e-5f;

  private final Variable<TFloat32> gamma;
  private final Variable<TFloat32> beta;
  private final Variable<TFloat32> movingMean;
  private final Variable<TFloat32> movingVariance;
  private final boolean fused;
  private final long channels;

  private BatchNorm(
      Variable<TFloat32> gamma, Variable<TFloat32> beta, Variable<TFloat32> movingMean,
      Variable<TFloat32> movingVariance, boolean fused, long channels) {
    this.gamma = gamma;
    this.beta = beta;
    this.movingMean = movingMean;
    this.movingVariance = movingVariance;
    this.fused = fused;
    this.channels = channels;
  }

  /** The ImageNet models' layer ({@code fused=True}); {@code zeroGamma} is {@code init_zero}. */
  public static BatchNorm fused(LayerContext context, String parent, long channels, boolean zeroGamma) {
    return create(context, parent, channels, zeroGamma, true);
  }

  /** The CIFAR WRN's layer ({@code fused=False}, gamma initialised to one). */
  public static BatchNorm nonFused(LayerContext context, String parent, long channels) {
    return create(context, parent, channels, false, false);
  }

  private static BatchNorm create(LayerContext context, String parent, long channels, boolean zeroGamma, boolean fused) {
    String scope = context.uniqueScope(parent, "batch_normalization");
    Variable<TFloat32> gamma = context.filledVector(scope + "/gamma", channels, zeroGamma ? 0f : 1f, VariableRole.GAMMA);
    Variable<TFloat32> beta = context.filledVector(scope + "/beta", channels, 0f, VariableRole.BETA);
    Variable<TFloat32> mean = context.filledVector(scope + "/moving_mean", channels, 0f, VariableRole.MOVING_MEAN);
    Variable<TFloat32> variance =
        context.filledVector(scope + "/moving_variance", channels, 1f, VariableRole.MOVING_VARIANCE);
    return new BatchNorm(gamma, beta, mean, variance, fused, channels);
  }

  public Variable<TFloat32> gamma() {
    return gamma;
  }

  public Variable<TFloat32> beta() {
    return beta;
  }

  public Variable<TFloat32> movingMean() {
    return movingMean;
  }

  public Variable<TFloat32> movingVariance() {
    return movingVariance;
  }

  public Operand<TFloat32> apply(ForwardContext forward, Operand<TFloat32> x) {
    Ops tf = forward.tf();
    if (!forward.training()) {
      return tf.nn
          .fusedBatchNorm(
              x, tf.identity(gamma), tf.identity(beta), tf.identity(movingMean), tf.identity(movingVariance),
              FusedBatchNorm.epsilon(EPSILON), FusedBatchNorm.isTraining(false), FusedBatchNorm.dataFormat("NHWC"))
          .y();
    }
    Operand<TFloat32> empty = tf.constant(new float[0]);
    FusedBatchNorm<TFloat32, TFloat32> batch =
        tf.nn.fusedBatchNorm(
            x, tf.identity(gamma), tf.identity(beta), empty, empty,
            FusedBatchNorm.epsilon(EPSILON), FusedBatchNorm.isTraining(true), FusedBatchNorm.dataFormat("NHWC"));
    Operand<TFloat32> variance = batch.batchVariance();
    float decay;
    if (fused) {
      decay = 1f - MOMENTUM;
    } else {
      variance = tf.math.mul(variance, besselToBiased(tf, x));
      decay = (float) (1.0 - 0.9);
    }
    forward.addUpdate(movingAverage(tf, movingMean, batch.batchMean(), decay));
    forward.addUpdate(movingAverage(tf, movingVariance, variance, decay));
    return batch.y();
  }

  /** (n - 1) / n with n the number of values per channel, undoing FusedBatchNorm's correction. */
  private Operand<TFloat32> besselToBiased(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> n =
        tf.math.div(tf.dtypes.cast(tf.size(x), TFloat32.class), tf.constant((float) channels));
    return tf.math.div(tf.math.sub(n, tf.constant(1f)), n);
  }

  /** {@code moving_averages.assign_moving_average} as Keras' batch norm calls it. */
  private static Op movingAverage(Ops tf, Variable<TFloat32> moving, Operand<TFloat32> value, float decay) {
    Operand<TFloat32> delta = tf.math.mul(tf.math.sub(tf.identity(moving), value), tf.constant(decay));
    return tf.assignSub(moving, delta);
  }
}
