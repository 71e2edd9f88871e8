package org.rigl.core.flops;

import java.util.ArrayList;
import java.util.List;

/**
 * The masked layers of the Keras MobileNet-v1 that the reference's MobileNet_Counting colab counts:
 * {@code tf.keras.applications.MobileNet(input_shape=(224, 224, 3), weights=None)} (keras_applications
 * mobilenet.py, alpha 1, depth multiplier 1, 1000 classes).
 *
 * <p>conv1, then conv_dw_i (DepthwiseConv2D, kernel {@code [3, 3, c, 1]}) and conv_pw_i for blocks 1..13, then
 * the 1x1 conv_preds on the pooled 1x1 map. Input sizes are {@code layer.input_shape[1]}: conv1 and every
 * stride-2 depthwise layer follow a ZeroPadding2D(((0, 1), (0, 1))) with 'valid' padding, so they see the input
 * size plus one (225, 113, 57, 29, 15), which get_stats then counts with 'same' padding.
 */
public final class KerasMobileNetV1Layers {

  /** get_stats' first_layer_name in the colab. */
  public static final String FIRST_LAYER_NAME = "conv1";
  /** get_stats' last_layer_name in the colab. */
  public static final String LAST_LAYER_NAME = "conv_preds";
  public static final String FIRST_LAYER_KERNEL = "conv1/kernel:0";
  public static final String LAST_LAYER_KERNEL = "conv_preds/kernel:0";

  private static final int INPUT_SIZE = 224;
  private static final int NUM_CLASSES = 1000;
  private static final int FIRST_LAYER_FILTERS = 32;
  /** Pointwise filters and depthwise stride of blocks 1..13, as mobilenet.py's _depthwise_conv_block calls. */
  private static final int[][] BLOCKS = {
    {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2},
    {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}
  };

  private KerasMobileNetV1Layers() {}

  /** The 28 masked layers: conv1, 13 depthwise/pointwise pairs and conv_preds. */
  public static List<LayerDesc> layers() {
    List<LayerDesc> layers = new ArrayList<>();
    layers.add(LayerDesc.conv2d(FIRST_LAYER_KERNEL, new long[] {3, 3, 3, FIRST_LAYER_FILTERS}, INPUT_SIZE + 1, 2));
    long channels = FIRST_LAYER_FILTERS;
    int size = INPUT_SIZE / 2;
    for (int i = 0; i < BLOCKS.length; i++) {
      int blockId = i + 1;
      long filters = BLOCKS[i][0];
      int stride = BLOCKS[i][1];
      int paddedSize = stride == 1 ? size : size + 1;
      layers.add(LayerDesc.depthwiseConv2d(
          depthwiseKernel(blockId), new long[] {3, 3, channels, 1}, paddedSize, stride));
      size /= stride;
      layers.add(LayerDesc.conv2d(
          "conv_pw_" + blockId + "/kernel:0", new long[] {1, 1, channels, filters}, size, 1));
      channels = filters;
    }
    layers.add(LayerDesc.conv2d(LAST_LAYER_KERNEL, new long[] {1, 1, channels, NUM_CLASSES}, 1, 1));
    return layers;
  }

  /**
   * Kernel names of the 13 depthwise layers. The reference never masks depthwise convolutions
   * (mobilenetv1_model.py), and the colab keeps them dense through the custom sparsity map.
   */
  public static List<String> depthwiseKernels() {
    List<String> names = new ArrayList<>();
    for (int blockId = 1; blockId <= BLOCKS.length; blockId++) {
      names.add(depthwiseKernel(blockId));
    }
    return names;
  }

  private static String depthwiseKernel(int blockId) {
    return "conv_dw_" + blockId + "/depthwise_kernel:0";
  }
}
