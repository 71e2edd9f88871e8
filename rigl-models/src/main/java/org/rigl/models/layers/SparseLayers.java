package org.rigl.models.layers;

import org.rigl.core.mask.WeightInitializer;
import org.tensorflow.ndarray.Shape;

/**
 * Port of {@code pruning_layers.sparse_conv2d} / {@code sparse_fully_connected}: one layer name,
 * two variable layouts. Masked ('threshold') layers are contrib's masked layers created directly in
 * the layer scope: {@code S/mask}, {@code S/weights}, {@code S/threshold} (+ {@code S/biases}).
 * Unmasked ('baseline') layers are {@code tf.layers} layers opened inside that scope under the
 * same name, with the custom getter renaming kernel/bias: {@code S/name/weights},
 * {@code S/name/biases}.
 */
public final class SparseLayers {
  private SparseLayers() {}

  /** The kernel of a bias-free {@code sparse_conv2d} named {@code name} under {@code parent}. */
  public static Kernel conv2dKernel(
      LayerContext context, String parent, String name, Shape shape, WeightInitializer initializer, boolean masked) {
    String scope = join(parent, name);
    if (masked) {
      return context.maskedKernel(scope, shape, initializer);
    }
    return context.plainKernel(scope + "/" + name + "/weights", shape, initializer, true);
  }

  /** A {@code sparse_fully_connected} layer with zero-initialised biases. */
  public static DenseLayer fullyConnected(
      LayerContext context, String parent, String name, long inputs, long units, WeightInitializer initializer,
      boolean masked) {
    String scope = join(parent, name);
    Shape shape = Shape.of(inputs, units);
    if (masked) {
      Kernel kernel = context.maskedKernel(scope, shape, initializer);
      return new DenseLayer(kernel, context.filledVector(scope + "/biases", units, 0f, VariableRole.BIAS));
    }
    String layer = scope + "/" + name;
    Kernel kernel = context.plainKernel(layer + "/weights", shape, initializer, true);
    return new DenseLayer(kernel, context.filledVector(layer + "/biases", units, 0f, VariableRole.BIAS));
  }

  /**
   * A plain {@code tf.layers.dense} called directly under {@code parent} (no custom getter), as
   * MobileNet's unpruned {@code final_dense}: {@code parent/name/kernel}, {@code parent/name/bias}.
   */
  public static DenseLayer tfLayersDense(
      LayerContext context, String parent, String name, long inputs, long units, WeightInitializer initializer) {
    String layer = join(parent, name);
    Kernel kernel = context.plainKernel(layer + "/kernel", Shape.of(inputs, units), initializer, true);
    return new DenseLayer(kernel, context.filledVector(layer + "/bias", units, 0f, VariableRole.BIAS));
  }

  /** {@code parent/name}, or {@code name} at the top level (empty parent). */
  static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }
}
