package org.rigl.models;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.models.layers.BatchNorm;
import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.DenseLayer;
import org.rigl.models.layers.DepthwiseConvLayer;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Port of {@code mobilenetv1_model.py:mobilenet_v1}: {@link MobileNetStem}, 13 blocks
 * {@code mbv1_block_} (depthwise 3x3 {@code depthwise_nxn_<id>}, never masked, BN-ReLU; masked
 * pointwise {@code contraction_1x1_<id>} with {@code _make_divisible(int(w f), 8 or 1 for id 0)}
 * filters, BN-ReLU), average pool, {@code final_dense}. The first layer is never masked; the first
 * layer sparsity flag only reaches the custom sparsity map.
 */
public final class MobileNetV1 extends LayeredNetwork {
  /** (filters, stride) of blocks 0..12. */
  private static final int[][] BLOCKS = {
    {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1},
    {1024, 2}, {1024, 1}
  };

  private final MobileNetStem stem;
  private final List<DepthwiseConvLayer> depthwise = new ArrayList<>();
  private final List<BatchNorm> depthwiseNorms = new ArrayList<>();
  private final List<ConvLayer> pointwise = new ArrayList<>();
  private final List<BatchNorm> pointwiseNorms = new ArrayList<>();
  private final DenseLayer finalDense;

  private MobileNetV1(LayerContext context, Builder config) {
    super(context, config);
    String scope = MobileNetStem.SCOPE;
    stem = MobileNetStem.create(context, config.width);
    long channels = stem.outputChannels();
    for (int id = 0; id < BLOCKS.length; id++) {
      depthwise.add(DepthwiseConvLayer.create(context, scope, "depthwise_nxn_" + id, channels, 3, BLOCKS[id][1]));
      depthwiseNorms.add(BatchNorm.fused(context, scope, channels, false));
      long filters = MakeDivisible.of((int) (config.width * BLOCKS[id][0]), id == 0 ? 1 : 8);
      pointwise.add(MobileNetStem.pointwise(context, scope + "/contraction_1x1_" + id, channels, filters));
      pointwiseNorms.add(BatchNorm.fused(context, scope, filters, false));
      channels = filters;
    }
    long lastFilters = MakeDivisible.of((int) (1024 * config.width), 8);
    finalDense = MobileNetStem.classifier(context, lastFilters, config.numClasses, config.layerSparsity.pruneLastLayer());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected Operand<TFloat32> logits(ForwardContext forward, Operand<TFloat32> images) {
    Ops tf = forward.tf();
    Operand<TFloat32> x = stem.apply(forward, images);
    for (int id = 0; id < BLOCKS.length; id++) {
      x = tf.nn.relu(depthwiseNorms.get(id).apply(forward, depthwise.get(id).apply(tf, x)));
      x = tf.nn.relu(pointwiseNorms.get(id).apply(forward, pointwise.get(id).apply(tf, x)));
    }
    return ClassifierHead.averagePoolAndClassify(tf, x, finalDense);
  }

  /** {@code imagenet_train_eval.py}'s hyper-parameters for {@code --model_architecture=mobilenet_v1}. */
  public static final class Builder extends ImageNetBuilder<Builder> {
    private Builder() {}

    @Override
    public MobileNetV1 build(Ops tf, MaskRegistry masks) {
      return new MobileNetV1(new LayerContext(tf, masks), this);
    }
  }
}
