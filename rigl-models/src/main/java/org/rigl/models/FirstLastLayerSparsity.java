package org.rigl.models;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --first_layer_sparsity} / {@code --last_layer_sparsity} flags of
 * {@code imagenet_train_eval.py}: 0 means the layer is not masked (a plain layer with the
 * 'baseline' variable names), any other value masks it; a positive value also becomes the layer's
 * custom sparsity ({@code set_custom_sparsity_map}); -1 leaves it to the default sparsity.
 */
public record FirstLastLayerSparsity(double first, double last) {
  /** The ImageNet defaults: first layer dense and unmasked, last layer masked. */
  public static final FirstLastLayerSparsity IMAGENET_DEFAULTS = new FirstLastLayerSparsity(0, -1);

  /** The custom-map keys {@code set_custom_sparsity_map} uses, whatever the architecture. */
  public static final String IMAGENET_FIRST_LAYER = "resnet_model/initial_conv";

  public static final String IMAGENET_LAST_LAYER = "resnet_model/final_dense";

  public FirstLastLayerSparsity {
    if (Double.isNaN(first) || Double.isNaN(last)) {
      throw new IllegalArgumentException("first/last layer sparsity must be a number");
    }
  }

  public boolean pruneFirstLayer() {
    return first != 0;
  }

  public boolean pruneLastLayer() {
    return last != 0;
  }

  /** Entries for the layers whose flag is positive, keyed by {@code firstScope} / {@code lastScope}. */
  public Map<String, Double> customSparsityMap(String firstScope, String lastScope) {
    Map<String, Double> map = new LinkedHashMap<>();
    if (first > 0) {
      map.put(firstScope, first);
    }
    if (last > 0) {
      map.put(lastScope, last);
    }
    return map;
  }

  /** With the keys {@code imagenet_train_eval.py} uses. */
  public Map<String, Double> imagenetCustomSparsityMap() {
    return customSparsityMap(IMAGENET_FIRST_LAYER, IMAGENET_LAST_LAYER);
  }
}
