package org.rigl.models;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.mask.WeightInitializer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The reference's {@code mnist_network_fc}: 784 → 300 ReLU ({@code layer1}) → 100 ReLU
 * ({@code layer2}) → 10 ({@code layer3}), masked fully connected layers with Glorot-uniform
 * weights, zero biases and L2 on the weights.
 */
public final class MnistFc {
  private static final int[] UNITS = {300, 100, 10};

  private final List<MaskedWeights> layers = new ArrayList<>();
  private final List<Variable<TFloat32>> biases = new ArrayList<>();

  /** Creates the variables in {@code masks} (and the biases). */
  public MnistFc(Ops tf, MaskRegistry masks) {
    long inputs = 784;
    for (int i = 0; i < UNITS.length; i++) {
      String scope = "layer" + (i + 1);
      layers.add(masks.create(tf, scope, Shape.of(inputs, UNITS[i]), WeightInitializer.glorotUniform()));
      biases.add(ScopedNames.variable(tf, scope + "/biases", tf.zeros(tf.constant(new long[] {UNITS[i]}), TFloat32.class)));
      inputs = UNITS[i];
    }
  }

  /** Logits for a [batch, 784] input. */
  public Operand<TFloat32> logits(Ops tf, Operand<TFloat32> images) {
    Operand<TFloat32> x = images;
    for (int i = 0; i < layers.size(); i++) {
      x = tf.nn.biasAdd(tf.linalg.matMul(x, layers.get(i).maskedWeights()), biases.get(i));
      if (i < layers.size() - 1) {
        x = tf.nn.relu(x);
      }
    }
    return x;
  }

  /** {@code l2_regularizer(scale)} on every weight matrix: scale * sum(W^2) / 2. */
  public Operand<TFloat32> l2Loss(Ops tf, float scale) {
    Operand<TFloat32> total = tf.constant(0f);
    for (MaskedWeights layer : layers) {
      total = tf.math.add(total, tf.math.mul(tf.constant(scale), tf.nn.l2Loss(layer.weights())));
    }
    return total;
  }

  public List<Variable<TFloat32>> biases() {
    return biases;
  }
}
