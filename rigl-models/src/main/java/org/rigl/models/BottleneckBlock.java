package org.rigl.models;

import org.rigl.models.layers.BatchNorm;
import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Port of {@code resnet_model.bottleneck_block_} (ResNet v1.5: the stride is on the 3x3 conv).
 * Creation order: projection (1x1, 4f, stride) + BN, {@code bottleneck_1} 1x1 f, {@code bottleneck_2}
 * 3x3 f, {@code bottleneck_3} 1x1 4f whose BN starts with gamma 0; output {@code relu(x + shortcut)}.
 */
record BottleneckBlock(
    ProjectionShortcut shortcut, ConvLayer reduce, BatchNorm reduceNorm, ConvLayer spatial, BatchNorm spatialNorm,
    ConvLayer expand, BatchNorm expandNorm)
    implements ResNetBlock {

  static BottleneckBlock create(
      LayerContext context, ConvKernels kernels, String parent, long inputs, long filters, int stride,
      boolean useProjection, String name) {
    long outputs = 4 * filters;
    ProjectionShortcut shortcut =
        ProjectionShortcut.create(
            context, kernels, parent, "bottleneck_projection_" + name, inputs, outputs, stride, useProjection);
    ConvLayer reduce = kernels.fixedPaddingConv("bottleneck_1_" + name, 1, inputs, filters, 1);
    BatchNorm reduceNorm = BatchNorm.fused(context, parent, filters, false);
    ConvLayer spatial = kernels.fixedPaddingConv("bottleneck_2_" + name, 3, filters, filters, stride);
    BatchNorm spatialNorm = BatchNorm.fused(context, parent, filters, false);
    ConvLayer expand = kernels.fixedPaddingConv("bottleneck_3_" + name, 1, filters, outputs, 1);
    BatchNorm expandNorm = BatchNorm.fused(context, parent, outputs, true);
    return new BottleneckBlock(shortcut, reduce, reduceNorm, spatial, spatialNorm, expand, expandNorm);
  }

  @Override
  public Operand<TFloat32> apply(ForwardContext forward, Operand<TFloat32> x) {
    Ops tf = forward.tf();
    Operand<TFloat32> skip = shortcut.apply(forward, x);
    Operand<TFloat32> y = tf.nn.relu(reduceNorm.apply(forward, reduce.apply(tf, x)));
    y = tf.nn.relu(spatialNorm.apply(forward, spatial.apply(tf, y)));
    y = expandNorm.apply(forward, expand.apply(tf, y));
    return tf.nn.relu(tf.math.add(y, skip));
  }

  @Override
  public long outputChannels() {
    return expand.outputChannels();
  }
}
