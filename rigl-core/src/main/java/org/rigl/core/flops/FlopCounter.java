package org.rigl.core.flops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.rigl.core.sparsity.MaskSpec;
import org.rigl.core.sparsity.Sparsities;
import org.rigl.core.sparsity.ZeroCountRounding;

/**
 * Port of sparse_utils.get_stats: model size and FLOPs of a list of masked layers under a sparsity distribution.
 *
 * <p>Rules kept from the reference: sparsities are computed on the unscaled kernel shapes with the kernel name
 * itself as the custom-map key; width scales c_in unless the name starts with {@code firstLayerName}, and c_out
 * unless it starts with {@code lastLayerName}, never scaling a dimension of size 1 (int truncation); every layer
 * is counted with a bias, a ReLU and 'same' padding; a depthwise layer is counted as a Conv2D whose kernel is
 * [k, k, c, 1] (in the Keras version the reference ran, DepthwiseConv2D is a Conv2D subclass, so get_stats takes
 * its Conv2D branch).
 */
public final class FlopCounter {

  /** get_stats' default first_layer_name. */
  public static final String DEFAULT_FIRST_LAYER_NAME = "conv1";
  /** get_stats' default last_layer_name. */
  public static final String DEFAULT_LAST_LAYER_NAME = "conv_preds";
  /** get_stats' default param_size. */
  public static final int DEFAULT_PARAM_BITS = 32;

  private FlopCounter() {}

  /**
   * @param customSparsities kernel name → sparsity, or null for none
   * @param method a {@link org.rigl.core.sparsity.SparsityDistribution} flag name
   */
  public static FlopStats getStats(
      List<LayerDesc> layers,
      double defaultSparsity,
      String method,
      Map<String, Double> customSparsities,
      double width,
      String firstLayerName,
      String lastLayerName,
      int paramSize,
      double erkPowerScale) {
    return getStats(layers, defaultSparsity, method, customSparsities, width, firstLayerName, lastLayerName,
        paramSize, erkPowerScale, ZeroCountRounding.FLOOR);
  }

  /**
   * As {@link #getStats(List, double, String, Map, double, String, String, int, double)}, with the get_n_zeros
   * rounding of the Erdős–Rényi budget: {@link ZeroCountRounding#CEIL} reproduces the stored colab outputs.
   */
  public static FlopStats getStats(
      List<LayerDesc> layers,
      double defaultSparsity,
      String method,
      Map<String, Double> customSparsities,
      double width,
      String firstLayerName,
      String lastLayerName,
      int paramSize,
      double erkPowerScale,
      ZeroCountRounding rounding) {
    List<MaskSpec> kernels = new ArrayList<>();
    for (LayerDesc layer : layers) {
      kernels.add(new MaskSpec(layer.name(), layer.kernelShape()));
    }
    Map<String, Double> sparsities = Sparsities.compute(kernels, method, defaultSparsity,
        customSparsities == null ? Map.of() : customSparsities, erkPowerScale, Function.identity(), rounding);

    double totalFlops = 0;
    double totalParamBits = 0;
    double totalParams = 0;
    double nZeros = 0;
    for (LayerDesc layer : layers) {
      long[] shape = scaledShape(layer, width, firstLayerName, lastLayerName);
      double sparsity = sparsities.get(layer.name());
      OpCount count = OpCounter.countOps(toOp(layer, shape), sparsity, paramSize);
      totalParamBits += count.paramBits();
      totalFlops += count.mults() + count.adds();
      long nParam = shape.length == 2 ? shape[0] * shape[1] : shape[0] * shape[1] * shape[2] * shape[3];
      totalParams += nParam;
      nZeros += (long) (nParam * sparsity);
    }
    return new FlopStats(totalFlops, totalParamBits, nZeros / totalParams);
  }

  /** The kernel shape after the width multiplier, following get_stats' first/last layer rules. */
  static long[] scaledShape(LayerDesc layer, double width, String firstLayerName, String lastLayerName) {
    long[] shape = layer.kernelShape();
    int dIn = shape.length == 2 ? 0 : 2;
    int dOut = shape.length == 2 ? 1 : 3;
    if (!layer.name().startsWith(firstLayerName) && shape[dIn] != 1) {
      shape[dIn] = (long) (shape[dIn] * width);
    }
    if (!layer.name().startsWith(lastLayerName) && shape[dOut] != 1) {
      shape[dOut] = (long) (shape[dOut] * width);
    }
    return shape;
  }

  private static CountedOp toOp(LayerDesc layer, long[] scaledShape) {
    return switch (layer.kind()) {
      case CONV2D, DEPTHWISE_CONV2D ->
          new Conv2D(layer.inputSize(), scaledShape, layer.stride(), Padding.SAME, true, Activation.RELU);
      case DENSE -> new FullyConnected(scaledShape, true, Activation.RELU);
    };
  }
}
