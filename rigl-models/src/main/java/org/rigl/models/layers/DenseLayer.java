package org.rigl.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** A fully connected layer {@code x K + b} on a [batch, inputs] tensor. */
public record DenseLayer(Kernel kernel, Variable<TFloat32> bias) {

  public long units() {
    return kernel.shape().size(1);
  }

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return tf.nn.biasAdd(tf.linalg.matMul(x, kernel.value(tf)), tf.identity(bias));
  }
}
