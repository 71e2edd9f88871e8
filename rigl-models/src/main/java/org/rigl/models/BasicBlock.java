package org.rigl.models;

import org.rigl.models.layers.BatchNorm;
import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Port of {@code resnet_model.residual_block_} (ResNet-18/34): projection (1x1, stride) + BN,
 * {@code residual_1} 3x3 with the stride, {@code residual_2} 3x3 whose BN starts with gamma 0;
 * output {@code relu(x + shortcut)}.
 */
record BasicBlock(
    ProjectionShortcut shortcut, ConvLayer first, BatchNorm firstNorm, ConvLayer second, BatchNorm secondNorm)
    implements ResNetBlock {

  static BasicBlock create(
      LayerContext context, ConvKernels kernels, String parent, long inputs, long filters, int stride,
      boolean useProjection, String name) {
    ProjectionShortcut shortcut =
        ProjectionShortcut.create(
            context, kernels, parent, "residual_projection_" + name, inputs, filters, stride, useProjection);
    ConvLayer first = kernels.fixedPaddingConv("residual_1_" + name, 3, inputs, filters, stride);
    BatchNorm firstNorm = BatchNorm.fused(context, parent, filters, false);
    ConvLayer second = kernels.fixedPaddingConv("residual_2_" + name, 3, filters, filters, 1);
    BatchNorm secondNorm = BatchNorm.fused(context, parent, filters, true);
    return new BasicBlock(shortcut, first, firstNorm, second, secondNorm);
  }

  @Override
  public Operand<TFloat32> apply(ForwardContext forward, Operand<TFloat32> x) {
    Ops tf = forward.tf();
    Operand<TFloat32> skip = shortcut.apply(forward, x);
    Operand<TFloat32> y = tf.nn.relu(firstNorm.apply(forward, first.apply(tf, x)));
    y = secondNorm.apply(forward, second.apply(tf, y));
    return tf.nn.relu(tf.math.add(y, skip));
  }

  @Override
  public long outputChannels() {
    return second.outputChannels();
  }
}
