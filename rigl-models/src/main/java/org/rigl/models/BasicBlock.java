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
 * Port of {@code resnet_model.residual_block_} (ResNet-18/34): projection (1x1, stride) + BN,
 * {@code residual_1} 3x3 with the stride, {@code residual_2} 3x3 whose BN starts with gamma 0;
 * output {@code relu(x + shortcut)}.
 */
final class BasicBlock implements ResNetBlock {
  private final ConvLayer projection;
  private final BatchNorm projectionNorm;
  private final ConvLayer first;
  private final BatchNorm firstNorm;
  private final ConvLayer second;
  private final BatchNorm secondNorm;

  private BasicBlock(
      ConvLayer projection, BatchNorm projectionNorm, ConvLayer first, BatchNorm firstNorm, ConvLayer second,
      BatchNorm secondNorm) {
    this.projection = projection;
    this.projectionNorm = projectionNorm;
    this.first = first;
    this.firstNorm = firstNorm;
    this.second = second;
    this.secondNorm = secondNorm;
  }

  static BasicBlock create(
      LayerContext context, ConvKernels kernels, String parent, long inputs, long filters, int stride,
      boolean useProjection, String name) {
    ConvLayer projection = null;
    BatchNorm projectionNorm = null;
    if (useProjection) {
      projection =
          ConvLayer.of(kernels.create("residual_projection_" + name, Shape.of(1, 1, inputs, filters)), stride, ConvLayer.Padding.FIXED);
      projectionNorm = BatchNorm.fused(context, parent, filters, false);
    }
    ConvLayer first =
        ConvLayer.of(kernels.create("residual_1_" + name, Shape.of(3, 3, inputs, filters)), stride, ConvLayer.Padding.FIXED);
    BatchNorm firstNorm = BatchNorm.fused(context, parent, filters, false);
    ConvLayer second =
        ConvLayer.of(kernels.create("residual_2_" + name, Shape.of(3, 3, filters, filters)), 1, ConvLayer.Padding.FIXED);
    BatchNorm secondNorm = BatchNorm.fused(context, parent, filters, true);
    return new BasicBlock(projection, projectionNorm, first, firstNorm, second, secondNorm);
  }

  @Override
  public Operand<TFloat32> apply(ForwardContext forward, Operand<TFloat32> x) {
    Ops tf = forward.tf();
    Operand<TFloat32> shortcut = x;
    if (projection != null) {
      shortcut = projectionNorm.apply(forward, projection.apply(tf, x));
    }
    Operand<TFloat32> y = tf.nn.relu(firstNorm.apply(forward, first.apply(tf, x)));
    y = secondNorm.apply(forward, second.apply(tf, y));
    return tf.nn.relu(tf.math.add(y, shortcut));
  }

  @Override
  public long outputChannels() {
    return second.outputChannels();
  }
}
