package org.rigl.models;

import org.rigl.models.layers.BatchNorm;
import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The shortcut of a {@link ResNetBlock}: the input itself, or, for the first block of a group, a
 * 1x1 conv with the block's stride + BN ({@code resnet_model.py}'s projection) to its output depth.
 * Both components are null for the identity.
 */
record ProjectionShortcut(ConvLayer projection, BatchNorm projectionNorm) {
  private static final ProjectionShortcut IDENTITY = new ProjectionShortcut(null, null);

  /** The projection conv {@code name} and its BN when {@code useProjection}, else the identity. */
  static ProjectionShortcut create(
      LayerContext context, ConvKernels kernels, String parent, String name, long inputs, long outputs, int stride,
      boolean useProjection) {
    if (!useProjection) {
      return IDENTITY;
    }
    ConvLayer projection = kernels.fixedPaddingConv(name, 1, inputs, outputs, stride);
    return new ProjectionShortcut(projection, BatchNorm.fused(context, parent, outputs, false));
  }

  Operand<TFloat32> apply(ForwardContext forward, Operand<TFloat32> x) {
    return projection == null ? x : projectionNorm.apply(forward, projection.apply(forward.tf(), x));
  }
}
