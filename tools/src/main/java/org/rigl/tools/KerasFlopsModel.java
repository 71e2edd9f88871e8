package org.rigl.tools;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.rigl.core.flops.KerasMobileNetV1Layers;
import org.rigl.core.flops.KerasResNet50Layers;
import org.rigl.core.flops.LayerDesc;

/** The Keras networks of the reference's FLOPs-counting colabs, with the names get_stats needs. */
enum KerasFlopsModel {
  RESNET50("resnet50", KerasResNet50Layers::layers,
      KerasResNet50Layers.FIRST_LAYER_NAME, KerasResNet50Layers.LAST_LAYER_NAME,
      KerasResNet50Layers.FIRST_LAYER_KERNEL, KerasResNet50Layers.LAST_LAYER_KERNEL, List.of()),
  MOBILENET_V1("mobilenet_v1", KerasMobileNetV1Layers::layers,
      KerasMobileNetV1Layers.FIRST_LAYER_NAME, KerasMobileNetV1Layers.LAST_LAYER_NAME,
      KerasMobileNetV1Layers.FIRST_LAYER_KERNEL, KerasMobileNetV1Layers.LAST_LAYER_KERNEL,
      KerasMobileNetV1Layers.depthwiseKernels());

  final String flagName;
  final Supplier<List<LayerDesc>> layers;
  final String firstLayerName;
  final String lastLayerName;
  final String firstLayerKernel;
  final String lastLayerKernel;
  final List<String> depthwiseKernels;

  KerasFlopsModel(String flagName, Supplier<List<LayerDesc>> layers, String firstLayerName, String lastLayerName,
      String firstLayerKernel, String lastLayerKernel, List<String> depthwiseKernels) {
    this.flagName = flagName;
    this.layers = layers;
    this.firstLayerName = firstLayerName;
    this.lastLayerName = lastLayerName;
    this.firstLayerKernel = firstLayerKernel;
    this.lastLayerKernel = lastLayerKernel;
    this.depthwiseKernels = depthwiseKernels;
  }

  static KerasFlopsModel parse(String name) {
    for (KerasFlopsModel model : values()) {
      if (model.flagName.equals(name)) {
        return model;
      }
    }
    throw new IllegalArgumentException("--model: '" + name + "' is not valid (valid: " + validNames() + ")");
  }

  static String validNames() {
    return Arrays.stream(values()).map(m -> m.flagName).collect(Collectors.joining(", "));
  }
}
