package org.rigl.core.update;

import java.util.Map;
import org.rigl.core.mask.MaskedWeights;

/** Looks up a layer's target sparsity in a map keyed by mask name ("S/mask"), failing by name. */
final class SparsityTargets {
  private SparsityTargets() {}

  static double of(Map<String, Double> sparsities, MaskedWeights layer) {
    Double s = sparsities.get(layer.maskName());
    if (s == null) {
      throw new IllegalArgumentException("no target sparsity for mask " + layer.maskName());
    }
    return s;
  }
}
