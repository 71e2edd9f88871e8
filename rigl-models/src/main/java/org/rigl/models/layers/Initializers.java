package org.rigl.models.layers;

import org.rigl.core.mask.WeightInitializer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * The reference's kernel initialisers as stateless {@link WeightInitializer}s (same distributions,
 * draws keyed by seed instead of TF1's graph-level random state).
 */
public final class Initializers {
  /** {@code scipy.stats.truncnorm.std(a=-2, b=2)}: TF1 divides by it so the truncated draw keeps the variance. */
  static final double TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

  private Initializers() {}

  /**
   * TF1 {@code tf.variance_scaling_initializer(scale)} with its defaults (mode 'fan_in',
   * distribution 'truncated_normal'): N(0, s) truncated at 2s, {@code s = sqrt(scale/fan_in) / 0.8796...}.
   */
  public static WeightInitializer varianceScaling(double scale) {
    return (tf, shape, seed) -> {
      double stddev = Math.sqrt(scale / Math.max(1.0, fans(shape)[0])) / TRUNCATED_NORMAL_STDDEV;
      Operand<TFloat32> unit = tf.random.statelessTruncatedNormal(tf.constant(shape), seed, TFloat32.class);
      return tf.math.mul(unit, tf.constant((float) stddev));
    };
  }

  /** {@code tf.random_normal_initializer(stddev=s)}: N(0, s). */
  public static WeightInitializer randomNormal(double stddev) {
    return (tf, shape, seed) ->
        tf.math.mul(tf.random.statelessRandomNormal(tf.constant(shape), seed, TFloat32.class), tf.constant((float) stddev));
  }

  /** Glorot (Xavier) uniform, TF's default kernel initialiser and contrib's {@code xavier_initializer}. */
  public static WeightInitializer glorotUniform() {
    return WeightInitializer.glorotUniform();
  }

  /**
   * Port of {@code resnet_model.SparseFCVarianceScalingInitializer(sparsity)}: U(±limit),
   * {@code limit = sqrt(6 / (nnz/fan_out + nnz/fan_in))}, {@code nnz = prod(shape) * (1 - sparsity)}.
   * Like the reference it accepts only 2-D shapes.
   */
  public static WeightInitializer sparseFcVarianceScaling(double sparsity) {
    if (!(sparsity >= 0 && sparsity < 1)) {
      throw new IllegalArgumentException("sparsity must be in the range [0., 1.), got " + sparsity);
    }
    return (tf, shape, seed) -> {
      if (shape.numDimensions() != 2) {
        throw new IllegalArgumentException("Weights must be 2-dimensional: SparseFCVarianceScalingInitializer got " + shape);
      }
      double fanIn = shape.size(0);
      double fanOut = shape.size(1);
      double nnz = fanIn * fanOut * (1 - sparsity);
      float limit = (float) Math.sqrt(6 / (nnz / fanOut + nnz / fanIn));
      Operand<TFloat32> unit = tf.random.statelessRandomUniform(tf.constant(shape), seed, TFloat32.class);
      return tf.math.add(tf.math.mul(unit, tf.constant(2 * limit)), tf.constant(-limit));
    };
  }

  /** TF1 {@code init_ops._compute_fans}: {fan_in, fan_out}. */
  static double[] fans(Shape shape) {
    int rank = shape.numDimensions();
    if (rank < 1) {
      return new double[] {1, 1};
    }
    if (rank == 1) {
      return new double[] {shape.size(0), shape.size(0)};
    }
    double receptive = 1;
    for (int i = 0; i < rank - 2; i++) {
      receptive *= shape.size(i);
    }
    return new double[] {shape.size(rank - 2) * receptive, shape.size(rank - 1) * receptive};
  }
}
