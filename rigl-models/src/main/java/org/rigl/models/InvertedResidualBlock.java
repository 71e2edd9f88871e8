package org.rigl.models;

import org.rigl.models.layers.BatchNorm;
import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.DepthwiseConvLayer;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Port of {@code mobilenetv2_model.inverted_res_block_}: masked 1x1 {@code expand_1x1_<id>} to
 * {@code int(expansion * in)} channels (skipped for block 0) + BN-ReLU, depthwise 3x3
 * {@code depthwise_nxn_<id>} + BN-ReLU, masked 1x1 {@code contraction_1x1_<id>} + BN (no ReLU),
 * plus the input when depth and resolution are unchanged.
 */
record InvertedResidualBlock(
    ConvLayer expand, BatchNorm expandNorm, DepthwiseConvLayer depthwise, BatchNorm depthwiseNorm,
    ConvLayer contraction, BatchNorm contractionNorm, boolean residual) {

  static InvertedResidualBlock create(
      LayerContext context, String scope, long inputs, int filters, int stride, double width, double expansion, int id) {
    ConvLayer expand = null;
    BatchNorm expandNorm = null;
    long channels = inputs;
    if (id > 0) {
      channels = (long) (expansion * inputs);
      expand = MobileNetStem.pointwise(context, scope + "/expand_1x1_" + id, inputs, channels);
      expandNorm = BatchNorm.fused(context, scope, channels, false);
    }
    DepthwiseConvLayer depthwise = DepthwiseConvLayer.create(context, scope, "depthwise_nxn_" + id, channels, 3, stride);
    BatchNorm depthwiseNorm = BatchNorm.fused(context, scope, channels, false);
    long outputs = MakeDivisible.of((int) (width * filters), id == 0 ? 1 : 8);
    ConvLayer contraction = MobileNetStem.pointwise(context, scope + "/contraction_1x1_" + id, channels, outputs);
    BatchNorm contractionNorm = BatchNorm.fused(context, scope, outputs, false);
    boolean residual = inputs == outputs && stride == 1;
    return new InvertedResidualBlock(expand, expandNorm, depthwise, depthwiseNorm, contraction, contractionNorm, residual);
  }

  long outputChannels() {
    return contraction.outputChannels();
  }

  Operand<TFloat32> apply(ForwardContext forward, Operand<TFloat32> x) {
    Ops tf = forward.tf();
    Operand<TFloat32> y = x;
    if (expand != null) {
      y = tf.nn.relu(expandNorm.apply(forward, expand.apply(tf, y)));
    }
    y = tf.nn.relu(depthwiseNorm.apply(forward, depthwise.apply(tf, y)));
    y = contractionNorm.apply(forward, contraction.apply(tf, y));
    return residual ? tf.math.add(y, x) : y;
  }
}
