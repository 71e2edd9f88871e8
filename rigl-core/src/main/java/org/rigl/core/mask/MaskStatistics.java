package org.rigl.core.mask;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * How sparse masks are: the ports of {@code sparse_utils.calculate_sparsity} (global sparsity,
 * {@code 1 - Σ sum(mask) / Σ size(mask)}) and {@code tf.nn.zero_fraction} (one mask's fraction of zeros), as graph
 * ops and over mask values already in Java.
 *
 * <p>Some quantities come in variants that round differently (float32 or double sums, pooled or per-mask fractions,
 * {@code zeros / size} or {@code 1 - ones / size}) and can differ in the last bit. Each caller keeps the variant it
 * has always used, because its numbers (summaries, logs, eval_results.json) are compared bit for bit across runs.
 */
public final class MaskStatistics {
  private MaskStatistics() {}

  /** {@code tf.nn.zero_fraction}: the float32 mean of {@code mask == 0}. */
  public static Operand<TFloat32> zeroFraction(Ops tf, Operand<TFloat32> mask) {
    Operand<TFloat32> flat = flat(tf, mask);
    Operand<TFloat32> zeros = tf.dtypes.cast(tf.math.equal(flat, tf.zerosLike(flat)), TFloat32.class);
    return tf.math.mean(zeros, tf.constant(0));
  }

  /**
   * {@code sparse_utils.calculate_sparsity} op for op: both the ones and the mask sizes are accumulated in float32,
   * so the sizes' sum rounds once it passes 2^24. No masks give the reference's {@code 1 - 0/0}: NaN.
   */
  public static Operand<TFloat32> calculateSparsity(Ops tf, MaskRegistry masks) {
    Operand<TFloat32> total = tf.constant(0f);
    Operand<TFloat32> ones = tf.constant(0f);
    for (MaskedWeights layer : masks.layers()) {
      total = tf.math.add(total, tf.constant((float) layer.shape().size()));
      ones = tf.math.add(ones, sum(tf, layer.mask()));
    }
    return tf.math.sub(tf.constant(1f), tf.math.div(ones, total));
  }

  /**
   * Global sparsity with the number of mask entries counted exactly (int64) and converted to float32 once; the ones
   * are accumulated in float32 as in {@link #calculateSparsity(Ops, MaskRegistry)}. Equal to it while the entries
   * number fewer than 2^24. No masks give {@code 1 - 0/0}: NaN.
   */
  public static Operand<TFloat32> globalSparsity(Ops tf, MaskRegistry masks) {
    Operand<TFloat32> ones = tf.constant(0f);
    long total = 0;
    for (MaskedWeights layer : masks.layers()) {
      ones = tf.math.add(ones, sum(tf, layer.mask()));
      total += layer.shape().size();
    }
    return tf.math.sub(tf.constant(1f), tf.math.div(ones, tf.constant((float) total)));
  }

  private static Operand<TFloat32> sum(Ops tf, Operand<TFloat32> mask) {
    return tf.reduceSum(flat(tf, mask), tf.constant(0));
  }

  private static Operand<TFloat32> flat(Ops tf, Operand<TFloat32> x) {
    return tf.reshape(x, tf.constant(new int[] {-1}));
  }

  public static long countZeros(float[] mask) {
    long zeros = 0;
    for (float v : mask) {
      zeros += v == 0 ? 1 : 0;
    }
    return zeros;
  }

  /** The entries that are not zero: a mask's ones, or a kernel's live connections. */
  public static long countNonZeros(float[] mask) {
    return mask.length - countZeros(mask);
  }

  /** {@code tf.nn.zero_fraction} in double: zeros / size, 0 for an empty mask. */
  public static double zeroFraction(float[] mask) {
    return mask.length == 0 ? 0.0 : (double) countZeros(mask) / mask.length;
  }

  /** The zeros of all masks over their entries, pooled in double: Σ zeros / Σ size, 0 without entries. */
  public static double zeroFraction(List<float[]> masks) {
    long zeros = 0;
    long total = 0;
    for (float[] mask : masks) {
      zeros += countZeros(mask);
      total += mask.length;
    }
    return total == 0 ? 0.0 : (double) zeros / total;
  }

  /**
   * {@code calculate_sparsity} from counts, in double: {@code 1 - ones / size}, 0 for size 0. It can differ from
   * {@code zeros / size} in the last bit.
   */
  public static double sparsity(long ones, long size) {
    return size == 0 ? 0.0 : 1 - (double) ones / size;
  }

  /**
   * {@code sparse_utils.calculate_sparsity} over mask values, rounding as the graph op does: sizes and ones are
   * accumulated in float32; each mask's ones are summed exactly before rounding to float, which matches TF for 0/1
   * masks with up to 2^24 ones.
   */
  public static float calculateSparsity(List<float[]> masks) {
    float denseParams = 0f;
    float sparseParams = 0f;
    for (float[] mask : masks) {
      double ones = 0;
      for (float v : mask) {
        ones += v;
      }
      denseParams += (float) mask.length;
      sparseParams += (float) ones;
    }
    return 1f - sparseParams / denseParams;
  }

  /** Every mask's {@link #zeroFraction(float[])} as the session holds it, by mask name in creation order. */
  public static LinkedHashMap<String, Double> zeroFractions(Session session, MaskRegistry masks) {
    LinkedHashMap<String, Double> out = new LinkedHashMap<>();
    for (MaskedWeights layer : masks.layers()) {
      out.put(layer.maskName(), zeroFraction(values(session, layer)));
    }
    return out;
  }

  /**
   * The size-weighted mean of per-mask zero fractions, {@code Σ (fraction · size) / Σ size}, 0 without masks. Not
   * the pooled {@link #zeroFraction(List)}: {@code zeros / size * size} need not give back {@code zeros} in double
   * (1/49·49 = 0.9999999999999999), so the two can differ in the last bit; the language model's evaluation has
   * always reported this one.
   */
  public static double sizeWeightedZeroFraction(Map<String, Double> zeroFractionByMask, MaskRegistry masks) {
    double zeros = 0;
    long total = 0;
    for (MaskedWeights layer : masks.layers()) {
      zeros += zeroFractionByMask.get(layer.maskName()) * layer.shape().size();
      total += layer.shape().size();
    }
    return total == 0 ? 0 : zeros / total;
  }

  private static float[] values(Session session, MaskedWeights layer) {
    try (Tensor t = session.runner().fetch(layer.mask()).run().get(0)) {
      float[] values = new float[Math.toIntExact(layer.shape().size())];
      ((TFloat32) t).copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }
}
