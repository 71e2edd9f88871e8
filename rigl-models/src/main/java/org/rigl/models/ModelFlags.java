package org.rigl.models;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The model flags every {@link ModelZoo} entry takes. An unset flag means the model's own default
 * (the reference script's): width 1 (4 for WRN), first layer sparsity 0 (-1 for the MNIST MLP,
 * whose layers are all masked), last layer sparsity -1, 1000 classes (10 for CIFAR and MNIST).
 * As with {@code imagenet_train_eval.py --width}, a width of 0 or below means unset.
 */
public record ModelFlags(
    OptionalDouble width, OptionalDouble firstLayerSparsity, OptionalDouble lastLayerSparsity, OptionalInt numClasses) {

  public static ModelFlags defaults() {
    return new ModelFlags(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty());
  }

  public ModelFlags withWidth(double width) {
    return new ModelFlags(width > 0 ? OptionalDouble.of(width) : OptionalDouble.empty(), firstLayerSparsity, lastLayerSparsity, numClasses);
  }

  public ModelFlags withFirstLayerSparsity(double sparsity) {
    return new ModelFlags(width, OptionalDouble.of(sparsity), lastLayerSparsity, numClasses);
  }

  public ModelFlags withLastLayerSparsity(double sparsity) {
    return new ModelFlags(width, firstLayerSparsity, OptionalDouble.of(sparsity), numClasses);
  }

  public ModelFlags withNumClasses(int classes) {
    return new ModelFlags(width, firstLayerSparsity, lastLayerSparsity, OptionalInt.of(classes));
  }
}
