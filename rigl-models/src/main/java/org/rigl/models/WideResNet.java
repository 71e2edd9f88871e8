package org.rigl.models;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.WeightInitializer;
import org.rigl.models.layers.BatchNorm;
import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.DataFormat;
import org.rigl.models.layers.DenseLayer;
import org.rigl.models.layers.Dropout;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.Initializers;
import org.rigl.models.layers.LayerContext;
import org.rigl.models.layers.SparseLayers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Port of {@code cifar_resnet/resnet_model.py:WideResNetModel} for 32x32 CIFAR images: 3x3
 * {@code conv_1} (16 filters), groups {@code conv_2} (16w), {@code conv_3} (32w, stride 2),
 * {@code conv_4} (64w, stride 2) of {@code (depth-4)/6} {@link WideResidualBlock}s, final BN-ReLU,
 * 8x8 average pool and the dense {@code logits}. Non-fused batch norm, dropout 0.3, Glorot-uniform
 * kernels, all under {@code resnet_model/}.
 *
 * <p>Defaults are {@code resnet_train_eval.py}'s: depth 16, width 4, 10 classes, first layer not
 * masked, last layer masked. {@code pruningMethod("baseline")} (its {@code --training_method=baseline})
 * builds every layer unmasked.
 */
public final class WideResNet extends LayeredNetwork {
  static final String SCOPE = "resnet_model";
  static final String FIRST_LAYER = SCOPE + "/conv_1";
  static final String LAST_LAYER = SCOPE + "/logits";
  private static final double DROP_RATE = 0.3;

  private final ConvLayer firstConv;
  private final List<WideResidualBlock> blocks = new ArrayList<>();
  private final BatchNorm finalNorm;
  private final DenseLayer logitsLayer;

  private WideResNet(LayerContext context, Builder config) {
    super(context, Shape.of(32, 32, 3), config.numClasses, config.layerSparsity.customSparsityMap(FIRST_LAYER, LAST_LAYER));
    WeightInitializer glorot = Initializers.glorotUniform();
    boolean masked = config.masked;
    boolean maskFirst = masked && config.layerSparsity.pruneFirstLayer();
    boolean maskLast = masked && config.layerSparsity.pruneLastLayer();
    firstConv =
        ConvLayer.of(
            SparseLayers.conv2dKernel(context, SCOPE, "conv_1", Shape.of(3, 3, 3, 16), glorot, maskFirst), 1,
            ConvLayer.Padding.SAME);
    ConvKernels kernels = (name, shape) -> SparseLayers.conv2dKernel(context, SCOPE, name, shape, glorot, masked);
    int blocksPerGroup = (config.depth - 4) / 6;
    String[] groups = {"conv_2", "conv_3", "conv_4"};
    long[] outputs = {16L * config.width, 32L * config.width, 64L * config.width};
    long channels = 16;
    int dropouts = 0;
    for (int g = 0; g < groups.length; g++) {
      for (int n = 0; n < blocksPerGroup; n++) {
        int stride = g > 0 && n == 0 ? 2 : 1;
        Dropout dropout = new Dropout(DROP_RATE, context.seed(), dropouts++);
        blocks.add(WideResidualBlock.create(context, kernels, SCOPE, groups[g], n, channels, outputs[g], stride, dropout));
        channels = outputs[g];
      }
    }
    finalNorm = BatchNorm.nonFused(context, SCOPE, channels);
    logitsLayer = SparseLayers.fullyConnected(context, SCOPE, "logits", channels, config.numClasses, glorot, maskLast);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected Operand<TFloat32> logits(ForwardContext forward, Operand<TFloat32> images) {
    Ops tf = forward.tf();
    Operand<TFloat32> x = firstConv.apply(tf, images);
    for (WideResidualBlock block : blocks) {
      x = block.apply(forward, x);
    }
    x = tf.nn.relu(finalNorm.apply(forward, x));
    Shape shape = x.shape();
    if (shape.size(1) != 8 || shape.size(2) != 8) {
      throw new IllegalArgumentException("WideResNet pools an 8x8 map (32x32 inputs); got " + shape);
    }
    x = tf.nn.avgPool(x, List.of(1L, 8L, 8L, 1L), List.of(1L, 1L, 1L, 1L), "VALID");
    return ClassifierHead.classify(tf, x, logitsLayer);
  }

  /**
   * {@code resnet_train_eval.py}'s hyper-parameters. A first (last) layer sparsity of 0 leaves
   * {@code conv_1} ({@code logits}) unmasked, as {@code --prune_first_layer=False}
   * ({@code --prune_last_layer=False}); any other value masks it.
   */
  public static final class Builder extends NetworkBuilder<Builder> {
    private int depth = 16;
    private int width = 4;
    private boolean masked = true;

    private Builder() {
      super(10, FirstLastLayerSparsity.IMAGENET_DEFAULTS);
    }

    /** {@code --resnet_depth}: 6n + 4. */
    public Builder depth(int depth) {
      if (depth < 10 || (depth - 4) % 6 != 0) {
        throw new IllegalArgumentException("WRN depth must be 6n+4 with n >= 1, got " + depth);
      }
      this.depth = depth;
      return this;
    }

    /** {@code --resnet_width}: the integer widening factor. */
    public Builder width(int width) {
      this.width = requirePositive(width, "resnet_width");
      return this;
    }

    /** 'threshold' (masked layers, every sparse method) or 'baseline' (no masks at all). */
    public Builder pruningMethod(String method) {
      masked = masksLayers(method);
      return this;
    }

    public Builder dataFormat(String format) {
      DataFormat.require(format);
      return this;
    }

    @Override
    public WideResNet build(Ops tf, MaskRegistry masks) {
      return new WideResNet(new LayerContext(tf, masks), this);
    }
  }
}
