package org.rigl.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.WeightInitializer;
import org.rigl.models.layers.BatchNorm;
import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.DenseLayer;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.InitMethod;
import org.rigl.models.layers.Initializers;
import org.rigl.models.layers.LayerContext;
import org.rigl.models.layers.SparseLayers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Port of {@code imagenet_resnet/resnet_model.py:resnet_v1_} (ResNet v1.5) as
 * {@code imagenet_train_eval.py} builds it: every block conv masked, the first conv masked iff
 * {@code first_layer_sparsity != 0}, {@code final_dense} masked iff {@code last_layer_sparsity != 0}.
 *
 * <p>Stem: 7x7/2 conv {@code initial_conv} (int(64w) filters), BN-ReLU, 3x3/2 max-pool SAME; four
 * block groups of int(64w), int(128w), int(256w), int(512w) filters with strides 1, 2, 2, 2; global
 * average pool; {@code final_dense} with N(0, 0.01) weights and zero biases. All under
 * {@code resnet_model/}.
 */
public final class ResNet extends LayeredNetwork {
  static final String SCOPE = "resnet_model";
  private static final Map<Integer, int[]> BLOCKS_PER_GROUP =
      Map.of(
          18, new int[] {2, 2, 2, 2},
          34, new int[] {3, 4, 6, 3},
          50, new int[] {3, 4, 6, 3},
          101, new int[] {3, 4, 23, 3},
          152, new int[] {3, 8, 36, 3},
          200, new int[] {3, 24, 36, 3});
  private static final int[] GROUP_FILTERS = {64, 128, 256, 512};

  private final ConvLayer initialConv;
  private final BatchNorm initialNorm;
  private final List<ResNetBlock> blocks = new ArrayList<>();
  private final DenseLayer finalDense;

  private ResNet(LayerContext context, Builder config) {
    super(context, config);
    boolean pruneFirst = config.layerSparsity.pruneFirstLayer();
    boolean pruneLast = config.layerSparsity.pruneLastLayer();
    WeightInitializer convInit = Initializers.varianceScaling(1.0);
    WeightInitializer maskedConvInit = config.initMethod.pick(convInit, config.endSparsity);

    long stemFilters = (long) (64 * config.width);
    initialConv =
        ConvLayer.of(
            SparseLayers.conv2dKernel(
                context, SCOPE, "initial_conv", Shape.of(7, 7, 3, stemFilters), pruneFirst ? maskedConvInit : convInit,
                pruneFirst),
            2, ConvLayer.Padding.FIXED);
    initialNorm = BatchNorm.fused(context, SCOPE, stemFilters, false);

    ConvKernels kernels = (name, shape) -> context.maskedKernel(SCOPE + "/" + name, shape, maskedConvInit);
    boolean bottleneck = config.depth >= 50;
    int[] blocksPerGroup = BLOCKS_PER_GROUP.get(config.depth);
    long channels = stemFilters;
    for (int g = 0; g < 4; g++) {
      long filters = (long) (GROUP_FILTERS[g] * config.width);
      String group = "block_group" + (g + 1);
      for (int n = 0; n < blocksPerGroup[g]; n++) {
        boolean first = n == 0;
        int stride = first && g > 0 ? 2 : 1;
        String name = first ? "block_group_projection_" + group : group + "_" + n + "_1";
        ResNetBlock block =
            bottleneck
                ? BottleneckBlock.create(context, kernels, SCOPE, channels, filters, stride, first, name)
                : BasicBlock.create(context, kernels, SCOPE, channels, filters, stride, first, name);
        blocks.add(block);
        channels = block.outputChannels();
      }
    }

    WeightInitializer denseInit = Initializers.randomNormal(0.01);
    if (config.initMethod != InitMethod.SPARSE || pruneLast) {
      denseInit = config.initMethod.pick(denseInit, config.endSparsity);
    }
    finalDense = SparseLayers.fullyConnected(context, SCOPE, "final_dense", channels, config.numClasses, denseInit, pruneLast);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected Operand<TFloat32> logits(ForwardContext forward, Operand<TFloat32> images) {
    Ops tf = forward.tf();
    Operand<TFloat32> x = tf.nn.relu(initialNorm.apply(forward, initialConv.apply(tf, images)));
    x = tf.nn.maxPool(x, tf.constant(new int[] {1, 3, 3, 1}), tf.constant(new int[] {1, 2, 2, 1}), "SAME");
    for (ResNetBlock block : blocks) {
      x = block.apply(forward, x);
    }
    return ClassifierHead.averagePoolAndClassify(tf, x, finalDense);
  }

  /** The reference's hyper-parameters, with {@code imagenet_train_eval.py}'s defaults. */
  public static final class Builder extends InitMethodBuilder<Builder> {
    private int depth = 50;

    private Builder() {}

    /** {@code --resnet_depth}: 18, 34, 50, 101, 152 or 200. */
    public Builder depth(int depth) {
      if (!BLOCKS_PER_GROUP.containsKey(depth)) {
        throw new IllegalArgumentException("Not a valid resnet_depth: " + depth + " (18, 34, 50, 101, 152, 200)");
      }
      this.depth = depth;
      return this;
    }

    @Override
    public ResNet build(Ops tf, MaskRegistry masks) {
      return new ResNet(new LayerContext(tf, masks), this);
    }
  }
}
