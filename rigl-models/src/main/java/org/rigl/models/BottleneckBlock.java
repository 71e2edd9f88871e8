package org.rigl.models;

import org.rigl.models.layers.BatchNorm;
import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Port of {@code resnet_model.bottleneck_block_} (ResNet v1.5: the stride is on the 3x3 conv).
 * Creation order: projection (1x1, 4f, stride) + BN, {@code bottleneck_1} 1x1 f, {@code bottleneck_2}
 * 3x3 f, {@code bottleneck_3} 1x1 4f whose BN starts with gamma 0; output {@code relu(x + shortcut)}.
 */
final class BottleneckBlock implements ResNetBlock {
  private final ConvLayer projection;
  private final BatchNorm projectionNorm;
  private final ConvLayer reduce;
  private final BatchNorm reduceNorm;
  private final ConvLayer spatial;
  private final BatchNorm spatialNorm;
  private final ConvLayer expand;
  private final BatchNorm expandNorm;

  private BottleneckBlock(
      ConvLayer projection, BatchNorm projectionNorm, ConvLayer reduce, BatchNorm reduceNorm, ConvLayer spatial,
      BatchNorm spatialNorm, ConvLayer expand, BatchNorm expandNorm) {
    this.projection = projection;
    this.projectionNorm = projectionNorm;
    this.reduce = reduce;
    this.reduceNorm = reduceNorm;
    this.spatial = spatial;
    this.spatialNorm = spatialNorm;
    this.expand = expand;
    this.expandNorm = expandNorm;
  }

  static BottleneckBlock create(
      LayerContext context, ConvKernels kernels, String parent, long inputs, long filters, int stride,
      boolean useProjection, String name) {
    long outputs = 4 * filters;
    ConvLayer projection = null;
    BatchNorm projectionNorm = null;
    if (useProjection) {
      projection =
          ConvLayer.of(kernels.create("bottleneck_projection_" + name, Shape.of(1, 1, inputs, outputs)), stride, ConvLayer.Padding.FIXED);
      projectionNorm = BatchNorm.fused(context, parent, outputs, false);
    }
    ConvLayer reduce =
        ConvLayer.of(kernels.create("bottleneck_1_" + name, Shape.of(1, 1, inputs, filters)), 1, ConvLayer.Padding.FIXED);
    BatchNorm reduceNorm = BatchNorm.fused(context, parent, filters, false);
    ConvLayer spatial =
        ConvLayer.of(kernels.create("bottleneck_2_" + name, Shape.of(3, 3, filters, filters)), stride, ConvLayer.Padding.FIXED);
    BatchNorm spatialNorm = BatchNorm.fused(context, parent, filters, false);
    ConvLayer expand =
        ConvLayer.of(kernels.create("bottleneck_3_" + name, Shape.of(1, 1, filters, outputs)), 1, ConvLayer.Padding.FIXED);
    BatchNorm expandNorm = BatchNorm.fused(context, parent, outputs, true);
    return new BottleneckBlock(projection, projectionNorm, reduce, reduceNorm, spatial, spatialNorm, expand, expandNorm);
  }

  @Override
  public Operand<TFloat32> apply(ForwardContext forward, Operand<TFloat32> x) {
    Ops tf = forward.tf();
    Operand<TFloat32> shortcut = x;
    if (projection != null) {
      shortcut = projectionNorm.apply(forward, projection.apply(tf, x));
    }
    Operand<TFloat32> y = tf.nn.relu(reduceNorm.apply(forward, reduce.apply(tf, x)));
    y = tf.nn.relu(spatialNorm.apply(forward, spatial.apply(tf, y)));
    y = expandNorm.apply(forward, expand.apply(tf, y));
    return tf.nn.relu(tf.math.add(y, shortcut));
  }

  @Override
  public long outputChannels() {
    return expand.outputChannels();
  }
}
