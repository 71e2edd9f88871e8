package org.rigl.core.flops;

import java.util.ArrayList;
import java.util.List;

/**
 * The masked layers of the Keras ResNet-50 that the reference's Resnet_50_Param_Flops_Counting colab counts:
 * {@code resnet_model.ResNet50(1000)} of tensorflow/tpu's models/experimental/resnet50_keras, 224x224 input.
 *
 * <p>Every Conv2D and Dense layer, in the colab's order (conv1, then per block branch2a, 2b, 2c and, for the
 * first block of a stage, branch1; finally fc1000). Input sizes are {@code layer.input_shape[1]} as get_stats
 * reads it: conv1 sees the 230x230 output of ZeroPadding2D(3) (its real 'valid' output is 112, but get_stats
 * counts 'same' and so 115); a stage's first block strides in branch2b and branch1.
 */
public final class KerasResNet50Layers {

  /** get_stats' first_layer_name in the colab. */
  public static final String FIRST_LAYER_NAME = "conv1";
  /** get_stats' last_layer_name in the colab. */
  public static final String LAST_LAYER_NAME = "fc1000";
  public static final String FIRST_LAYER_KERNEL = "conv1/kernel:0";
  public static final String LAST_LAYER_KERNEL = "fc1000/kernel:0";

  private static final int NUM_CLASSES = 1000;
  private static final int PADDED_INPUT_SIZE = 224 + 2 * 3;
  /** After conv1 (112) and the 3x3/2 max pool on the 114x114 ZeroPadding2D(1) output. */
  private static final int STAGE2_INPUT_SIZE = 56;
  private static final String BLOCK_LETTERS = "abcdef";
  /** Per stage 2..5: number of blocks and the filters of branch2a/2b; branch2c has four times as many. */
  private static final int[][] STAGES = {{3, 64}, {4, 128}, {6, 256}, {3, 512}};

  private KerasResNet50Layers() {}

  /** The 54 masked layers (53 convolutions and fc1000). */
  public static List<LayerDesc> layers() {
    List<LayerDesc> layers = new ArrayList<>();
    layers.add(LayerDesc.conv2d(FIRST_LAYER_KERNEL, new long[] {7, 7, 3, 64}, PADDED_INPUT_SIZE, 2));
    long channels = 64;
    int size = STAGE2_INPUT_SIZE;
    for (int s = 0; s < STAGES.length; s++) {
      int stage = s + 2;
      int blocks = STAGES[s][0];
      long filters = STAGES[s][1];
      for (int b = 0; b < blocks; b++) {
        String base = "res" + stage + BLOCK_LETTERS.charAt(b) + "_branch";
        boolean projection = b == 0;
        // conv_block strides its 3x3 conv and the shortcut, except in stage 2.
        int stride = projection && stage > 2 ? 2 : 1;
        int outSize = size / stride;
        layers.add(LayerDesc.conv2d(kernel(base + "2a"), new long[] {1, 1, channels, filters}, size, 1));
        layers.add(LayerDesc.conv2d(kernel(base + "2b"), new long[] {3, 3, filters, filters}, size, stride));
        layers.add(LayerDesc.conv2d(kernel(base + "2c"), new long[] {1, 1, filters, 4 * filters}, outSize, 1));
        if (projection) {
          layers.add(LayerDesc.conv2d(kernel(base + "1"), new long[] {1, 1, channels, 4 * filters}, size, stride));
        }
        channels = 4 * filters;
        size = outSize;
      }
    }
    layers.add(LayerDesc.dense(LAST_LAYER_KERNEL, new long[] {channels, NUM_CLASSES}));
    return layers;
  }

  private static String kernel(String layerName) {
    return layerName + "/kernel:0";
  }
}
