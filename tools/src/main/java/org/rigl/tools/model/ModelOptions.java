package org.rigl.tools.model;

import org.rigl.models.ModelFlags;
import org.rigl.models.ModelZoo;
import picocli.CommandLine.Option;

/** The model flags shared by {@code vars} and {@code sparsity}, named as the reference's drivers. */
public final class ModelOptions {
  @Option(names = "--model", required = true,
      description = "mnist_fc, resnet18/34/50/101/152/200, mobilenet_v1, mobilenet_v2, vgg_16, vgg_a, vgg_19, wrn_16_4.")
  public String model;

  @Option(names = "--width", defaultValue = "-1", description = "Width multiplier (<= 0: the model's default).")
  double width;

  @Option(names = "--first_layer_sparsity", description = "0: first layer dense and unmasked; -1: the method's sparsity; > 0: that sparsity (default: the model's).")
  Double firstLayerSparsity;

  @Option(names = "--last_layer_sparsity", description = "As --first_layer_sparsity, for the classifier (default: the model's, -1 for ImageNet models).")
  Double lastLayerSparsity;

  @Option(names = "--num_label_classes", description = "Number of classes (default: the model's).")
  Integer numClasses;

  /** The flags as {@link ModelZoo} takes them; rejects an unknown model name with the valid ones. */
  public ModelFlags flags() {
    ModelZoo.factory(model, ModelFlags.defaults());
    ModelFlags flags = ModelFlags.defaults().withWidth(width);
    if (firstLayerSparsity != null) {
      flags = flags.withFirstLayerSparsity(firstLayerSparsity);
    }
    if (lastLayerSparsity != null) {
      flags = flags.withLastLayerSparsity(lastLayerSparsity);
    }
    if (numClasses != null) {
      flags = flags.withNumClasses(numClasses);
    }
    return flags;
  }
}
