package org.rigl.models.layers;

import org.rigl.core.mask.WeightInitializer;

/**
 * The {@code --init_method} flag and {@code resnet_model._pick_initializer} for networks built, as
 * in {@code imagenet_train_eval.py}, with {@code pruning_method='threshold'}.
 *
 * <p>{@code sparse} swaps in {@link Initializers#sparseFcVarianceScaling}, which (as in the
 * reference) only accepts 2-D kernels, so it fails on the first masked convolution.
 * {@code random_zeros} requires {@code pruning_method='baseline'} and is rejected with the
 * reference's message.
 */
public enum InitMethod {
  BASELINE,
  SPARSE;

  public static InitMethod parse(String value) {
    return switch (value) {
      case "baseline" -> BASELINE;
      case "sparse" -> SPARSE;
      case "random_zeros" -> throw new IllegalArgumentException(
          "Unsupported combination of flags, pruning_method must be baseline if init_method is `random_zeros`.");
      default -> throw new IllegalArgumentException(
          "init_method '" + value + "' is not valid; valid values: baseline, sparse");
    };
  }

  /** The initialiser a masked layer uses instead of {@code base}. */
  public WeightInitializer pick(WeightInitializer base, double endSparsity) {
    return this == SPARSE ? Initializers.sparseFcVarianceScaling(endSparsity) : base;
  }
}
