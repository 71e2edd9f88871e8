package org.rigl.models;

import org.rigl.models.layers.BatchNorm;
import org.rigl.models.layers.ConvLayer;
import org.rigl.models.layers.Dropout;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One block of {@code WideResNetModel._residual_block} (pre-activation): BN-ReLU; when the channel
 * count changes, a 1x1 {@code skip_<group>} conv (VALID, with the block's stride) on the activated
 * input, else the raw input is the shortcut; 3x3 {@code <group>_<n>_1} (stride, SAME), BN-ReLU,
 * dropout, 3x3 {@code <group>_<n>_2}; output {@code residual + shortcut}.
 */
record WideResidualBlock(
    BatchNorm inputNorm, ConvLayer skip, ConvLayer first, BatchNorm middleNorm, Dropout dropout, ConvLayer second) {

  static WideResidualBlock create(
      LayerContext context, ConvKernels kernels, String scope, String group, int index, long inputs, long outputs,
      int stride, Dropout dropout) {
    BatchNorm inputNorm = BatchNorm.nonFused(context, scope, inputs);
    ConvLayer skip = null;
    if (inputs != outputs) {
      skip = ConvLayer.of(kernels.create("skip_" + group, Shape.of(1, 1, inputs, outputs)), stride, ConvLayer.Padding.VALID);
    }
    String name = group + "_" + index;
    ConvLayer first = ConvLayer.of(kernels.create(name + "_1", Shape.of(3, 3, inputs, outputs)), stride, ConvLayer.Padding.SAME);
    BatchNorm middleNorm = BatchNorm.nonFused(context, scope, outputs);
    ConvLayer second = ConvLayer.of(kernels.create(name + "_2", Shape.of(3, 3, outputs, outputs)), 1, ConvLayer.Padding.SAME);
    return new WideResidualBlock(inputNorm, skip, first, middleNorm, dropout, second);
  }

  Operand<TFloat32> apply(ForwardContext forward, Operand<TFloat32> x) {
    Ops tf = forward.tf();
    Operand<TFloat32> activated = tf.nn.relu(inputNorm.apply(forward, x));
    Operand<TFloat32> shortcut = skip == null ? x : skip.apply(tf, activated);
    Operand<TFloat32> y = tf.nn.relu(middleNorm.apply(forward, first.apply(tf, activated)));
    y = second.apply(tf, dropout.apply(forward, y));
    return tf.math.add(y, shortcut);
  }
}
