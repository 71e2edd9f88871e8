package org.rigl.models;

import org.rigl.models.layers.BatchNorm;
import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.DenseLayer;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.Initializers;
import org.rigl.models.layers.LayerContext;
import org.rigl.models.layers.SparseLayers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * What MobileNet v1 and v2 share: the stem, a plain {@code tf.layers.conv2d} named
 * {@code initial_conv} (3x3/2 after fixed padding, {@code _make_divisible(32w)} filters, variance
 * scaling, never masked: {@code resnet_model/initial_conv/kernel}) + BN-ReLU, the masked 1x1
 * pointwise convs, and the classifier {@code final_dense}, masked iff {@code prune_last_layer}, else
 * a plain {@code tf.layers.dense}.
 */
final class MobileNetStem {
  static final String SCOPE = "resnet_model";

  private final ConvLayer conv;
  private final BatchNorm norm;

  private MobileNetStem(ConvLayer conv, BatchNorm norm) {
    this.conv = conv;
    this.norm = norm;
  }

  static MobileNetStem create(LayerContext context, double width) {
    long filters = MakeDivisible.of(32 * width, 8);
    ConvLayer conv =
        ConvLayer.of(
            context.plainKernel(SCOPE + "/initial_conv/kernel", Shape.of(3, 3, 3, filters), Initializers.varianceScaling(1.0), true),
            2, ConvLayer.Padding.FIXED);
    return new MobileNetStem(conv, BatchNorm.fused(context, SCOPE, filters, false));
  }

  long outputChannels() {
    return conv.outputChannels();
  }

  Operand<TFloat32> apply(ForwardContext forward, Operand<TFloat32> images) {
    return forward.tf().nn.relu(norm.apply(forward, conv.apply(forward.tf(), images)));
  }

  /** A masked 1x1 conv {@code scope} (variance scaling, no bias), as both MobileNets' pointwise layers. */
  static ConvLayer pointwise(LayerContext context, String scope, long inputs, long outputs) {
    return ConvLayer.of(
        context.maskedKernel(scope, Shape.of(1, 1, inputs, outputs), Initializers.varianceScaling(1.0)), 1,
        ConvLayer.Padding.FIXED);
  }

  static DenseLayer classifier(LayerContext context, long inputs, int numClasses, boolean masked) {
    return masked
        ? SparseLayers.fullyConnected(context, SCOPE, "final_dense", inputs, numClasses, Initializers.varianceScaling(1.0), true)
        : SparseLayers.tfLayersDense(context, SCOPE, "final_dense", inputs, numClasses, Initializers.varianceScaling(1.0));
  }
}
