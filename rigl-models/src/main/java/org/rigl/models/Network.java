package org.rigl.models;

import java.util.List;
import java.util.Map;
import org.rigl.models.layers.L2Regularization;
import org.rigl.models.layers.ModelVariable;
import org.rigl.models.layers.VariableInfo;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A classifier whose variables exist once in a graph and which can be applied any number of
 * times (for instance once in training mode and once in evaluation mode, sharing the weights).
 * Masked layers live in the {@link org.rigl.core.mask.MaskRegistry} it was built with.
 */
public interface Network {

  /**
   * Logits [batch, numClasses] for {@code inputs} of shape [batch, ...inputShape()].
   * {@code training} selects batch statistics (and dropout) and yields the moving-average updates.
   */
  ForwardPass apply(Ops tf, Operand<TFloat32> inputs, boolean training);

  /** Every variable the network created, in creation order, with its checkpoint name. */
  List<ModelVariable> variables();

  /**
   * Trainable variables other than masked layers' weights (batch-norm gamma/beta, biases, unmasked
   * and depthwise kernels): the {@code others} a sparse optimizer trains alongside the masked layers.
   */
  List<Variable<TFloat32>> otherTrainables();

  /** Kernels with the reference's L2 regularizer, in creation order. */
  List<Variable<TFloat32>> regularizedKernels();

  /**
   * The custom sparsity map entries the first/last layer sparsity flags add (the reference's
   * {@code set_custom_sparsity_map}), keyed by layer scope.
   */
  Map<String, Double> customSparsityMap();

  /** The shape of one example, e.g. [224, 224, 3]. */
  Shape inputShape();

  int numClasses();

  /** {@code tf.losses.get_regularization_loss()} for {@code weightDecay}. */
  default Operand<TFloat32> regularizationLoss(Ops tf, float weightDecay) {
    return L2Regularization.loss(tf, regularizedKernels(), weightDecay);
  }

  /** The graph-free description of {@link #variables()}. */
  default List<VariableInfo> variableInfos() {
    return variables().stream().map(ModelVariable::info).toList();
  }
}
