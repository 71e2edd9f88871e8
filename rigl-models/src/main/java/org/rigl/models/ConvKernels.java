package org.rigl.models;

import org.rigl.models.layers.Kernel;
import org.tensorflow.ndarray.Shape;

/** Creates the kernel of the layer {@code name} (a scope under the network's scope). */
@FunctionalInterface
interface ConvKernels {
  Kernel create(String name, Shape shape);
}
