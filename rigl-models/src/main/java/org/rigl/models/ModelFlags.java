package org.rigl.models;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.rigl.core.flags.FlagChecks;

/**
 * The model flags every {@link ModelZoo} entry takes. An unset flag means the model's own default
 * (the reference script's): width 1 (4 for WRN), first layer sparsity 0 (-1 for the MNIST MLP,
 * whose layers are all masked), last layer sparsity -1, 1000 classes (10 for CIFAR and MNIST).
 * As with {@code imagenet_train_eval.py --width}, a width of 0 or below means unset.
 */
public record ModelFlags(
    OptionalDouble width, OptionalDouble firstLayerSparsity, OptionalDouble lastLayerSparsity, OptionalInt numClasses) {
  /** The widest multiplier accepted: beyond it layer shapes outgrow memory, or TensorFlow's shape arithmetic. */
  public static final double MAX_WIDTH = 16;
  /** The most classes accepted (ImageNet-21k has about 21,000). */
  public static final int MAX_CLASSES = 100_000;

  public static ModelFlags defaults() {
    return new ModelFlags(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty());
  }

  public ModelFlags withWidth(double width) {
    FlagChecks.check(width <= MAX_WIDTH,
        "--width must be <= 0 (the model's default) or in (0, " + MAX_WIDTH + "], got " + width);
    return new ModelFlags(width > 0 ? OptionalDouble.of(width) : OptionalDouble.empty(), firstLayerSparsity, lastLayerSparsity, numClasses);
  }

  public ModelFlags withFirstLayerSparsity(double sparsity) {
    checkLayerSparsity("--first_layer_sparsity", sparsity);
    return new ModelFlags(width, OptionalDouble.of(sparsity), lastLayerSparsity, numClasses);
  }

  public ModelFlags withLastLayerSparsity(double sparsity) {
    checkLayerSparsity("--last_layer_sparsity", sparsity);
    return new ModelFlags(width, firstLayerSparsity, OptionalDouble.of(sparsity), numClasses);
  }

  public ModelFlags withNumClasses(int classes) {
    FlagChecks.inRange("--num_label_classes", classes, 2, MAX_CLASSES);
    return new ModelFlags(width, firstLayerSparsity, lastLayerSparsity, OptionalInt.of(classes));
  }

  /** -1: the method's sparsity; 0: dense and unmasked; in (0, 1): that sparsity. */
  private static void checkLayerSparsity(String flag, double sparsity) {
    FlagChecks.check(sparsity == -1 || (sparsity >= 0 && sparsity < 1), flag + " must be -1 or in [0, 1), got " + sparsity);
  }
}
