package org.rigl.models;

import java.util.List;
import java.util.Map;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.LayerContext;
import org.rigl.models.layers.ModelVariable;
import org.rigl.models.layers.VariableRole;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The bookkeeping every network shares; subclasses create layers and define the forward pass. */
abstract class LayeredNetwork implements Network {
  protected final LayerContext context;
  private final Shape inputShape;
  private final int numClasses;
  private final Map<String, Double> customSparsityMap;

  LayeredNetwork(LayerContext context, Shape inputShape, int numClasses, Map<String, Double> customSparsityMap) {
    this.context = context;
    this.inputShape = inputShape;
    this.numClasses = numClasses;
    this.customSparsityMap = Map.copyOf(customSparsityMap);
  }

  /** An {@code imagenet_train_eval.py} network: 224x224 RGB inputs, the ImageNet custom-map keys. */
  LayeredNetwork(LayerContext context, ImageNetBuilder<?> config) {
    this(context, Shape.of(224, 224, 3), config.numClasses, config.layerSparsity.imagenetCustomSparsityMap());
  }

  /** The logits; layers add their update ops to {@code forward}. */
  protected abstract Operand<TFloat32> logits(ForwardContext forward, Operand<TFloat32> inputs);

  @Override
  public final ForwardPass apply(Ops tf, Operand<TFloat32> inputs, boolean training) {
    Shape shape = inputs.shape();
    long last = shape.numDimensions() > 0 ? shape.size(shape.numDimensions() - 1) : -1;
    if (shape.numDimensions() != inputShape.numDimensions() + 1
        || last != inputShape.size(inputShape.numDimensions() - 1)) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + " expects inputs [batch, " + inputShape + "...], got " + shape);
    }
    ForwardContext forward = new ForwardContext(tf, training);
    Operand<TFloat32> logits = logits(forward, inputs);
    return new ForwardPass(logits, forward.updateOps());
  }

  @Override
  public List<ModelVariable> variables() {
    return context.variables();
  }

  @Override
  public List<Variable<TFloat32>> otherTrainables() {
    return context.variables().stream()
        .filter(v -> v.trainable() && v.role() != VariableRole.MASKED_WEIGHTS)
        .map(ModelVariable::variable)
        .toList();
  }

  @Override
  public List<Variable<TFloat32>> regularizedKernels() {
    return context.regularizedKernels();
  }

  @Override
  public Map<String, Double> customSparsityMap() {
    return customSparsityMap;
  }

  @Override
  public Shape inputShape() {
    return inputShape;
  }

  @Override
  public int numClasses() {
    return numClasses;
  }
}
