package org.rigl.models;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.models.layers.BatchNorm;
import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.DenseLayer;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Port of {@code mobilenetv2_model.py:mobilenet_v2}: {@link MobileNetStem}, 17
 * {@link InvertedResidualBlock}s, masked 1x1 {@code final_1x1_conv} to
 * {@code max(1280, _make_divisible(1280 w))} channels + BN-ReLU, average pool, {@code final_dense}.
 */
public final class MobileNetV2 extends LayeredNetwork {
  /** (filters, stride) of blocks 0..16. */
  private static final int[][] BLOCKS = {
    {16, 1}, {24, 2}, {24, 1}, {32, 2}, {32, 1}, {32, 1}, {64, 2}, {64, 1}, {64, 1}, {64, 1}, {96, 1}, {96, 1},
    {96, 1}, {160, 2}, {160, 1}, {160, 1}, {320, 1}
  };

  private final MobileNetStem stem;
  private final List<InvertedResidualBlock> blocks = new ArrayList<>();
  private final ConvLayer finalConv;
  private final BatchNorm finalNorm;
  private final DenseLayer finalDense;

  private MobileNetV2(LayerContext context, Builder config) {
    super(context, config);
    String scope = MobileNetStem.SCOPE;
    stem = MobileNetStem.create(context, config.width);
    long channels = stem.outputChannels();
    for (int id = 0; id < BLOCKS.length; id++) {
      InvertedResidualBlock block =
          InvertedResidualBlock.create(
              context, scope, channels, BLOCKS[id][0], BLOCKS[id][1], config.width, config.expansionFactor, id);
      blocks.add(block);
      channels = block.outputChannels();
    }
    long lastFilters = Math.max(1280, MakeDivisible.of(1280 * config.width, 8));
    finalConv = MobileNetStem.pointwise(context, scope + "/final_1x1_conv", channels, lastFilters);
    finalNorm = BatchNorm.fused(context, scope, lastFilters, false);
    finalDense = MobileNetStem.classifier(context, lastFilters, config.numClasses, config.layerSparsity.pruneLastLayer());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected Operand<TFloat32> logits(ForwardContext forward, Operand<TFloat32> images) {
    Ops tf = forward.tf();
    Operand<TFloat32> x = stem.apply(forward, images);
    for (InvertedResidualBlock block : blocks) {
      x = block.apply(forward, x);
    }
    x = tf.nn.relu(finalNorm.apply(forward, finalConv.apply(tf, x)));
    return ClassifierHead.averagePoolAndClassify(tf, x, finalDense);
  }

  /** {@code imagenet_train_eval.py}'s hyper-parameters for {@code --model_architecture=mobilenet_v2}. */
  public static final class Builder extends ImageNetBuilder<Builder> {
    private double expansionFactor = 6.0;

    private Builder() {}

    /** {@code --expansion_factor} of the expand convolutions (6.0). */
    public Builder expansionFactor(double factor) {
      this.expansionFactor = requirePositive(factor, "expansion_factor");
      return this;
    }

    @Override
    public MobileNetV2 build(Ops tf, MaskRegistry masks) {
      return new MobileNetV2(new LayerContext(tf, masks), this);
    }
  }
}
