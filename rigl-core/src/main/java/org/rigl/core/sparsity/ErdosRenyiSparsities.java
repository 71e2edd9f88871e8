package org.rigl.core.sparsity;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Port of sparse_utils.get_sparsities_erdos_renyi (ERK and ER). Finds eps such that the non-custom layers keep
 * as many connections as uniform sparsity would, with layer l getting density eps * raw_l. A layer whose density
 * would exceed 1 is made dense and eps is solved again; all layers tied at the largest raw probability are made
 * dense together. Layers in the custom map are excluded from the budget. All arithmetic mirrors the
 * reference's float64/integer mix (the connection budget is an exact integer); {@code rounding} picks the
 * get_n_zeros version that sizes the budget.
 */
final class ErdosRenyiSparsities {

  private ErdosRenyiSparsities() {}

  static LinkedHashMap<String, Double> compute(
      List<MaskSpec> masks,
      double defaultSparsity,
      Map<String, Double> customSparsityMap,
      boolean includeKernel,
      Function<String, String> extractNameFn,
      double erkPowerScale,
      ZeroCountRounding rounding) {
    Set<String> denseLayers = new HashSet<>();
    Map<String, Double> rawProbabilities;
    double eps;
    while (true) {
      long rhs = 0;
      double divisor = 0;
      rawProbabilities = new LinkedHashMap<>();
      for (MaskSpec mask : masks) {
        String varName = extractNameFn.apply(mask.name());
        long nParam = mask.size();
        long nZeros = rounding.nZeros(nParam, defaultSparsity);
        if (denseLayers.contains(varName)) {
          rhs -= nZeros;
        } else if (!customSparsityMap.containsKey(varName)) {
          rhs += nParam - nZeros;
          double raw = rawProbability(mask, includeKernel, erkPowerScale);
          rawProbabilities.put(mask.name(), raw);
          divisor += raw * nParam;
        }
      }
      if (rawProbabilities.isEmpty()) {
        // The reference divides by zero here; say why instead.
        throw new IllegalStateException(
            "Erdos-Renyi has no layer left to scale: every mask is custom or had to be made dense");
      }
      eps = rhs / divisor;
      double maxProb = Collections.max(rawProbabilities.values());
      if (maxProb * eps > 1) {
        for (Map.Entry<String, Double> e : rawProbabilities.entrySet()) {
          if (e.getValue() == maxProb) {
            denseLayers.add(extractNameFn.apply(e.getKey()));
          }
        }
      } else {
        break;
      }
    }

    LinkedHashMap<String, Double> sparsities = new LinkedHashMap<>();
    for (MaskSpec mask : masks) {
      String varName = extractNameFn.apply(mask.name());
      if (customSparsityMap.containsKey(varName)) {
        sparsities.put(mask.name(), customSparsityMap.get(varName));
      } else if (denseLayers.contains(varName)) {
        sparsities.put(mask.name(), 0.0);
      } else {
        sparsities.put(mask.name(), 1.0 - eps * rawProbabilities.get(mask.name()));
      }
    }
    return sparsities;
  }

  /**
   * ERK: (sum(shape) / prod(shape)) ^ erkPowerScale. ER: (n_in + n_out) / (n_in * n_out) of the last two
   * dimensions; the power scale does not apply to ER, as in the reference.
   */
  static double rawProbability(MaskSpec mask, boolean includeKernel, double erkPowerScale) {
    long[] shape = mask.shape();
    if (includeKernel) {
      long sum = 0;
      for (long d : shape) {
        sum += d;
      }
      return Math.pow((double) sum / (double) mask.size(), erkPowerScale);
    }
    if (shape.length < 2) {
      throw new IllegalArgumentException("erdos_renyi needs masks of rank >= 2, got " + mask);
    }
    long nIn = shape[shape.length - 2];
    long nOut = shape[shape.length - 1];
    return (double) (nIn + nOut) / (double) (nIn * nOut);
  }
}
