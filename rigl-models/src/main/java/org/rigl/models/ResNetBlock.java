package org.rigl.models;

import org.rigl.models.layers.ForwardContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** One residual block of {@link ResNet}. */
interface ResNetBlock {
  Operand<TFloat32> apply(ForwardContext forward, Operand<TFloat32> x);

  long outputChannels();
}
