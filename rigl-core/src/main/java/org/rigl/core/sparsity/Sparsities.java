package org.rigl.core.sparsity;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Port of sparse_utils.get_sparsities: the sparsity of every mask under a named distribution. */
public final class Sparsities {

  /** sparse_utils.DEFAULT_ERK_SCALE: regular ERK. */
  public static final double DEFAULT_ERK_POWER_SCALE = 1.0;

  private Sparsities() {}

  /**
   * Sparsity of each mask, keyed by mask name in mask order. Keys of {@code customSparsityMap} are layer
   * scopes ({@link MaskSpec#layerScopeOf}); every key must name a mask.
   *
   * @param method one of {@link SparsityDistribution#validNames()}
   * @param erkPowerScale exponent of the ERK-kernel probabilities (1 = ERK, 0 = almost uniform)
   */
  public static LinkedHashMap<String, Double> compute(
      List<MaskSpec> masks,
      String method,
      double defaultSparsity,
      Map<String, Double> customSparsityMap,
      double erkPowerScale) {
    return compute(masks, method, defaultSparsity, customSparsityMap, erkPowerScale, MaskSpec::layerScopeOf);
  }

  /**
   * As {@link #compute(List, String, double, Map, double)}, with the function that turns a mask name into the
   * key looked up in {@code customSparsityMap} (the reference's extract_name_fn; get_stats uses identity).
   */
  public static LinkedHashMap<String, Double> compute(
      List<MaskSpec> masks,
      String method,
      double defaultSparsity,
      Map<String, Double> customSparsityMap,
      double erkPowerScale,
      Function<String, String> extractNameFn) {
    return compute(masks, method, defaultSparsity, customSparsityMap, erkPowerScale, extractNameFn,
        ZeroCountRounding.FLOOR);
  }

  /**
   * As {@link #compute(List, String, double, Map, double, Function)}, with the get_n_zeros rounding that sizes
   * the Erdős–Rényi budget ({@link ZeroCountRounding#CEIL} reproduces the reference before 2020-10-15).
   */
  public static LinkedHashMap<String, Double> compute(
      List<MaskSpec> masks,
      String method,
      double defaultSparsity,
      Map<String, Double> customSparsityMap,
      double erkPowerScale,
      Function<String, String> extractNameFn,
      ZeroCountRounding rounding) {
    validate(masks, defaultSparsity, customSparsityMap);
    // The reference checks the custom keys before it looks at the method name.
    checkCustomKeysMatchMasks(masks, customSparsityMap, extractNameFn);
    SparsityDistribution distribution = SparsityDistribution.parse(method);
    return dispatch(masks, distribution, defaultSparsity, customSparsityMap, erkPowerScale, extractNameFn,
        rounding);
  }

  /** Port of sparse_utils.get_sparsities_uniform. */
  static LinkedHashMap<String, Double> uniform(
      List<MaskSpec> masks,
      double defaultSparsity,
      Map<String, Double> customSparsityMap,
      Function<String, String> extractNameFn) {
    LinkedHashMap<String, Double> sparsities = new LinkedHashMap<>();
    for (MaskSpec mask : masks) {
      String varName = extractNameFn.apply(mask.name());
      sparsities.put(mask.name(), customSparsityMap.getOrDefault(varName, defaultSparsity));
    }
    return sparsities;
  }

  private static LinkedHashMap<String, Double> dispatch(
      List<MaskSpec> masks,
      SparsityDistribution distribution,
      double defaultSparsity,
      Map<String, Double> customSparsityMap,
      double erkPowerScale,
      Function<String, String> extractNameFn,
      ZeroCountRounding rounding) {
    return switch (distribution) {
      case RANDOM -> uniform(masks, defaultSparsity, customSparsityMap, extractNameFn);
      case ERDOS_RENYI -> ErdosRenyiSparsities.compute(
          masks, defaultSparsity, customSparsityMap, false, extractNameFn, erkPowerScale, rounding);
      case ERDOS_RENYI_KERNEL -> ErdosRenyiSparsities.compute(
          masks, defaultSparsity, customSparsityMap, true, extractNameFn, erkPowerScale, rounding);
      case STR -> StrSparsities.forMasks(masks, defaultSparsity);
    };
  }

  private static void validate(List<MaskSpec> masks, double defaultSparsity, Map<String, Double> custom) {
    SparsityCounts.checkSparsity(defaultSparsity, "Default sparsity");
    for (Map.Entry<String, Double> e : custom.entrySet()) {
      if (e.getValue() == null) {
        throw new IllegalArgumentException("Custom sparsity of '" + e.getKey() + "' is null");
      }
      SparsityCounts.checkSparsity(e.getValue(), "Custom sparsity of '" + e.getKey() + "'");
    }
    // Results are keyed by mask name, so two masks with one name would silently collapse.
    Set<String> names = new HashSet<>();
    for (MaskSpec mask : masks) {
      if (!names.add(mask.name())) {
        throw new IllegalArgumentException("Duplicate mask name: " + mask.name());
      }
    }
  }

  private static void checkCustomKeysMatchMasks(
      List<MaskSpec> masks, Map<String, Double> custom, Function<String, String> extractNameFn) {
    Set<String> found = new HashSet<>();
    for (MaskSpec mask : masks) {
      String varName = extractNameFn.apply(mask.name());
      if (custom.containsKey(varName)) {
        found.add(varName);
      }
    }
    Set<String> missing = new TreeSet<>(custom.keySet());
    missing.removeAll(found);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "No masks are found for the following names: "
              + missing.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ", "{", "}")));
    }
  }
}
