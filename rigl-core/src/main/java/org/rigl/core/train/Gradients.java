package org.rigl.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rigl.core.mask.MaskedWeights;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Every gradient a sparse training step needs, from one backward pass.
 *
 * <p>The reference calls {@code compute_gradients} twice (once for the variables, once for the
 * masked-weight tensors). Here one {@code addGradients} call asks for dL/d(mask*W), dL/dW and
 * the other trainables together, so TF builds the backward graph once: dL/dW is the masked
 * gradient times the mask plus any direct term such as L2 on W.
 */
public record Gradients(
    Map<String, Operand<TFloat32>> maskedWeightGradients,
    List<GradientAndVariable> variableGradients) {

  /** Gradients of {@code loss} for the masked layers and {@code otherTrainables}. */
  @SuppressWarnings("unchecked")
  public static Gradients compute(
      Graph graph, Operand<TFloat32> loss, List<MaskedWeights> layers, List<Variable<TFloat32>> otherTrainables) {
    List<Output<?>> xs = new ArrayList<>();
    layers.forEach(l -> xs.add(l.maskedWeights().asOutput()));
    layers.forEach(l -> xs.add(l.weights().asOutput()));
    otherTrainables.forEach(v -> xs.add(v.asOutput()));
    Output<?>[] grads = graph.addGradients(loss.asOutput(), xs.toArray(new Output<?>[0]));
    Map<String, Operand<TFloat32>> masked = new LinkedHashMap<>();
    List<GradientAndVariable> byVariable = new ArrayList<>();
    int n = layers.size();
    for (int i = 0; i < n; i++) {
      masked.put(layers.get(i).weightsName(), (Output<TFloat32>) grads[i]);
      byVariable.add(new GradientAndVariable((Output<TFloat32>) grads[n + i], layers.get(i).weights()));
    }
    for (int i = 0; i < otherTrainables.size(); i++) {
      byVariable.add(new GradientAndVariable((Output<TFloat32>) grads[2 * n + i], otherTrainables.get(i)));
    }
    return new Gradients(masked, byVariable);
  }
}
