package org.rigl.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.WeightInitializer;
import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.Initializers;
import org.rigl.models.layers.Kernel;
import org.rigl.models.layers.LayerContext;
import org.rigl.models.layers.VariableRole;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Port of {@code imagenet_resnet/vgg.py:vgg_net}: five stages of masked 3x3 convs
 * ({@code <type>/conv<s>/conv<s>_<i>}, int(64w), int(128w), int(256w), int(512w), int(512w)
 * filters, He variance scaling, no bias) each followed by ReLU, 2x2/2 max-pools between stages,
 * global average pool and a 1x1 conv {@code fc8}. No batch norm; the training flag changes nothing.
 *
 * <p>{@code fc8} is masked iff {@code prune_last_layer} (no bias, like every masked conv here);
 * otherwise it is contrib's {@code layers.conv2d}: {@code <type>/fc8/weights} (Xavier) and
 * {@code <type>/fc8/biases}, without regularizer. Every conv, the first included, is masked.
 */
public final class Vgg extends LayeredNetwork {
  private static final Map<String, int[]> CONVS_PER_STAGE =
      Map.of("vgg_a", new int[] {1, 1, 2, 2, 2}, "vgg_16", new int[] {2, 2, 3, 3, 3}, "vgg_19", new int[] {2, 2, 4, 4, 4});
  private static final int[] STAGE_FILTERS = {64, 128, 256, 512, 512};

  private final List<List<ConvLayer>> stages = new ArrayList<>();
  private final ConvLayer fc8;

  private Vgg(LayerContext context, Builder config) {
    super(context, config);
    String scope = config.type;
    WeightInitializer init = config.initMethod.pick(Initializers.varianceScaling(2.0), config.endSparsity);
    int[] convs = CONVS_PER_STAGE.get(config.type);
    long channels = 3;
    for (int s = 0; s < convs.length; s++) {
      List<ConvLayer> stage = new ArrayList<>();
      long filters = (long) (STAGE_FILTERS[s] * config.width);
      for (int i = 1; i <= convs[s]; i++) {
        String name = scope + "/conv" + (s + 1) + "/conv" + (s + 1) + "_" + i;
        stage.add(ConvLayer.of(context.maskedKernel(name, Shape.of(3, 3, channels, filters), init), 1, ConvLayer.Padding.FIXED));
        channels = filters;
      }
      stages.add(stage);
    }
    Shape fc8Shape = Shape.of(1, 1, channels, config.numClasses);
    if (config.layerSparsity.pruneLastLayer()) {
      fc8 = ConvLayer.of(context.maskedKernel(scope + "/fc8", fc8Shape, init), 1, ConvLayer.Padding.FIXED);
    } else {
      Kernel kernel = context.plainKernel(scope + "/fc8/weights", fc8Shape, Initializers.glorotUniform(), false);
      fc8 =
          ConvLayer.withBias(
              kernel, 1, ConvLayer.Padding.SAME,
              context.filledVector(scope + "/fc8/biases", config.numClasses, 0f, VariableRole.BIAS));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected Operand<TFloat32> logits(ForwardContext forward, Operand<TFloat32> images) {
    Ops tf = forward.tf();
    Operand<TFloat32> x = images;
    for (int s = 0; s < stages.size(); s++) {
      for (ConvLayer conv : stages.get(s)) {
        x = tf.nn.relu(conv.apply(tf, x));
      }
      if (s < stages.size() - 1) {
        x = tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
      }
    }
    x = tf.math.mean(x, tf.constant(new int[] {1, 2}), Mean.keepDims(true));
    return tf.squeeze(fc8.apply(tf, x), Squeeze.axis(List.of(1L, 2L)));
  }

  /**
   * {@code imagenet_train_eval.py}'s hyper-parameters for {@code --model_architecture=vgg_*}. The first
   * layer sparsity only feeds the custom sparsity map: VGG masks its first conv whatever the flag.
   */
  public static final class Builder extends InitMethodBuilder<Builder> {
    private String type = "vgg_16";

    private Builder() {}

    /** 'vgg_a', 'vgg_16' or 'vgg_19'; also the variable scope. */
    public Builder type(String type) {
      if (!CONVS_PER_STAGE.containsKey(type)) {
        throw new IllegalArgumentException("Unknown VGG type '" + type + "' (vgg_a, vgg_16, vgg_19)");
      }
      this.type = type;
      return this;
    }

    @Override
    public Vgg build(Ops tf, MaskRegistry masks) {
      return new Vgg(new LayerContext(tf, masks), this);
    }
  }
}
