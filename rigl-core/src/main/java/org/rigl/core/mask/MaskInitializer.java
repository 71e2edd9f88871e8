package org.rigl.core.mask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rigl.core.sparsity.MaskSpec;
import org.rigl.core.sparsity.RandomMasks;
import org.rigl.core.sparsity.Sparsities;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * Port of {@code sparse_utils.get_mask_init_fn}: per-layer sparsities from a distribution, then a
 * random mask with exactly {@code floor(s n)} zeros per layer, keyed by (seed, layer name).
 */
public final class MaskInitializer {
  private MaskInitializer() {}

  /** The specs (name, shape) of every mask in creation order, for the sparsity functions. */
  public static List<MaskSpec> specs(MaskRegistry masks) {
    List<MaskSpec> specs = new ArrayList<>();
    for (MaskedWeights layer : masks.layers()) {
      specs.add(new MaskSpec(layer.maskName(), layer.shape().asArray()));
    }
    return specs;
  }

  /** Per-mask sparsity (by mask name) under {@code method} ('random', 'erdos_renyi', ...). */
  public static LinkedHashMap<String, Double> sparsities(
      MaskRegistry masks, String method, double defaultSparsity, Map<String, Double> custom, double erkPowerScale) {
    return Sparsities.compute(specs(masks), method, defaultSparsity, custom, erkPowerScale);
  }

  /** Ops assigning a seeded random mask of the given sparsity to every layer. */
  public static Op assignRandom(Ops tf, MaskRegistry masks, Map<String, Double> sparsities, long seed) {
    List<Op> assigns = new ArrayList<>();
    for (MaskedWeights layer : masks.layers()) {
      Double s = sparsities.get(layer.maskName());
      if (s == null) {
        throw new IllegalArgumentException("no sparsity given for mask " + layer.maskName());
      }
      float[] values = RandomMasks.randomMask(layer.shape().asArray(), s, seed, layer.scope());
      assigns.add(tf.assign(layer.mask(), tf.constant(layer.shape(), DataBuffers.of(values, true, false))));
    }
    return tf.withControlDependencies(assigns).noOp();
  }
}
