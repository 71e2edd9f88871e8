package org.rigl.models;

/**
 * The options every network's builder takes: the class count and the first/last layer sparsity
 * flags. {@code B} is the concrete builder, so that a chain of calls keeps its own options in reach.
 */
public abstract class NetworkBuilder<B extends NetworkBuilder<B>> implements NetworkFactory {
  int numClasses;
  FirstLastLayerSparsity layerSparsity;

  NetworkBuilder(int numClasses, FirstLastLayerSparsity layerSparsity) {
    this.numClasses = numClasses;
    this.layerSparsity = layerSparsity;
  }

  public B numClasses(int numClasses) {
    this.numClasses = requirePositive(numClasses, "num_classes");
    return self();
  }

  /** {@code --first_layer_sparsity} (see {@link FirstLastLayerSparsity}). */
  public B firstLayerSparsity(double sparsity) {
    layerSparsity = new FirstLastLayerSparsity(sparsity, layerSparsity.last());
    return self();
  }

  /** {@code --last_layer_sparsity} (see {@link FirstLastLayerSparsity}). */
  public B lastLayerSparsity(double sparsity) {
    layerSparsity = new FirstLastLayerSparsity(layerSparsity.first(), sparsity);
    return self();
  }

  @SuppressWarnings("unchecked") // B is this builder's own class by the type bound
  final B self() {
    return (B) this;
  }

  /**
   * Whether {@code --pruning_method} (or {@code --training_method}) builds masked layers:
   * 'threshold' (every sparse method) does, 'baseline' does not.
   */
  static boolean masksLayers(String pruningMethod) {
    return switch (pruningMethod) {
      case "threshold" -> true;
      case "baseline" -> false;
      default -> throw new IllegalArgumentException(
          "Unsupported sparsity technique '" + pruningMethod + "' (threshold, baseline)");
    };
  }

  static int requirePositive(int value, String what) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
    return value;
  }

  static double requirePositive(double value, String what) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
    return value;
  }
}
