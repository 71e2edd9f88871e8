package org.rigl.core.sparsity;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Port of sparse_utils.get_mask_random_numpy with reproducible seeding: a flat mask of ones whose first
 * {@link SparsityCounts#nZeros} entries are zero, shuffled. The reference shuffles with the global NumPy RNG;
 * here the shuffle is a Fisher–Yates pass driven by {@code new SplittableRandom(seed)}, so a seed fixes the mask.
 *
 * <p>Per-layer seeds are {@link #layerSeed(long, String)}: 64-bit FNV-1a over the 8 big-endian bytes of the
 * base seed followed by the UTF-8 bytes of the layer name. It depends only on those bytes, so it is the same in
 * every process and JVM.
 */
public final class RandomMasks {

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private RandomMasks() {}

  /** A row-major mask of the given shape with exactly {@code nZeros(size, sparsity)} zeros. */
  public static float[] randomMask(long[] shape, double sparsity, long seed) {
    SparsityCounts.checkSparsity(sparsity, "Mask sparsity");
    long size = SparsityCounts.numElements(shape);
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("Mask too large for a Java array: " + size + " elements");
    }
    float[] mask = new float[(int) size];
    int nZeros = (int) SparsityCounts.nZeros(size, sparsity);
    for (int i = nZeros; i < mask.length; i++) {
      mask[i] = 1f;
    }
    shuffle(mask, new SplittableRandom(seed));
    return mask;
  }

  /** As {@link #randomMask(long[], double, long)} with the seed {@link #layerSeed(long, String)}. */
  public static float[] randomMask(long[] shape, double sparsity, long seed, String layerName) {
    return randomMask(shape, sparsity, layerSeed(seed, layerName));
  }

  /**
   * Port of the mask assignment in sparse_utils.get_mask_init_fn: one random mask per mask spec, keyed by mask
   * name in mask order, each seeded by (seed, layer scope) so that the {@code ":0"} suffix does not matter.
   *
   * @param sparsities mask name → sparsity, e.g. from {@link Sparsities#compute}
   */
  public static LinkedHashMap<String, float[]> randomMasks(
      List<MaskSpec> masks, Map<String, Double> sparsities, long seed) {
    LinkedHashMap<String, float[]> result = new LinkedHashMap<>();
    for (MaskSpec mask : masks) {
      Double sparsity = sparsities.get(mask.name());
      if (sparsity == null) {
        throw new IllegalArgumentException("No sparsity given for mask " + mask.name());
      }
      result.put(mask.name(), randomMask(mask.shape(), sparsity, seed, mask.layerScope()));
    }
    return result;
  }

  /** 64-bit FNV-1a of the base seed (8 bytes, big-endian) followed by the UTF-8 bytes of the layer name. */
  public static long layerSeed(long seed, String layerName) {
    long hash = FNV_OFFSET_BASIS;
    for (int shift = 56; shift >= 0; shift -= 8) {
      hash = (hash ^ ((seed >>> shift) & 0xff)) * FNV_PRIME;
    }
    for (byte b : layerName.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * FNV_PRIME;
    }
    return hash;
  }

  private static void shuffle(float[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      float tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
  }
}
