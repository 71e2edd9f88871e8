package org.rigl.models;

import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.Kernel;
import org.tensorflow.ndarray.Shape;

/** Creates the kernel of the layer {@code name} (a scope under the network's scope). */
@FunctionalInterface
interface ConvKernels {
  Kernel create(String name, Shape shape);

  /** A {@code size}x{@code size} conv with fixed padding ({@code resnet_model.conv2d_fixed_padding}). */
  default ConvLayer fixedPaddingConv(String name, long size, long inputs, long filters, int stride) {
    return ConvLayer.of(create(name, Shape.of(size, size, inputs, filters)), stride, ConvLayer.Padding.FIXED);
  }
}
