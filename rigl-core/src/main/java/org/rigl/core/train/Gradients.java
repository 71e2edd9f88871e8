package org.rigl.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rigl.core.graph.DevicePlacedGradients;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.sparse.SparseLayerGradients;
import org.rigl.core.sparse.SparseCompute;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
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
    List<GradientAndVariable> variableGradients,
    Map<String, SparseLayerGradients> sparseLayerGradients) {

  public Gradients(Map<String, Operand<TFloat32>> maskedWeightGradients, List<GradientAndVariable> variableGradients) {
    this(maskedWeightGradients, variableGradients, Map.of());
  }

  /**
   * dL/d(mask*W) of {@code layer} (no L2 term): the one taken with the backward pass, or, for a
   * layer computed over its nonzeros, a dense product built with {@code tf} where it is asked for.
   */
  public Operand<TFloat32> maskedGradient(Ops tf, MaskedWeights layer) {
    Operand<TFloat32> g = maskedWeightGradients.get(layer.weightsName());
    if (g != null) {
      return g;
    }
    SparseLayerGradients sparse = sparseLayerGradients.get(layer.weightsName());
    if (sparse == null) {
      throw new IllegalStateException("no masked gradient for " + layer.weightsName());
    }
    return sparse.maskedWeightGradient(tf);
  }

  /**
   * Gradients of {@code loss} under {@code compute}: masked layers as {@link #compute(Graph, Operand,
   * List, List)}; a layer computed over its nonzeros gets the gradient of its active weights (sparse,
   * for the weight step) and of its products' outputs (for a dense gradient where one is needed), and
   * no dense gradient of W at all.
   */
  public static Gradients compute(Graph graph, Operand<TFloat32> loss, List<MaskedWeights> layers,
      List<Variable<TFloat32>> otherTrainables, SparseCompute compute) {
    if (!compute.any()) {
      return compute(graph, loss, layers, otherTrainables);
    }
    List<MaskedWeights> dense = layers.stream().filter(l -> compute.sparseLayer(l) == null).toList();
    List<SparseCompute.SparseLayer> sparse = compute.sparseLayers();
    List<Output<?>> xs = new ArrayList<>(List.of(inputs(dense, otherTrainables)));
    for (SparseCompute.SparseLayer layer : sparse) {
      xs.add(layer.values().asOutput());
      layer.outputs().forEach(y -> xs.add(y.asOutput()));
    }
    Output<?>[] grads = graph.addGradients(loss.asOutput(), xs.toArray(new Output<?>[0]));
    Gradients masked = from(grads, dense, otherTrainables);
    List<GradientAndVariable> byVariable = new ArrayList<>(masked.variableGradients());
    Map<String, SparseLayerGradients> outputs = new LinkedHashMap<>();
    int next = 2 * dense.size() + otherTrainables.size();
    for (SparseCompute.SparseLayer layer : sparse) {
      MaskedWeights weights = layer.indices().layer();
      byVariable.add(new GradientAndVariable(cast(grads[next++]), weights.weights(), layer.indices().inWeights()));
      List<Operand<TFloat32>> dy = new ArrayList<>();
      for (int i = 0; i < layer.outputs().size(); i++) {
        dy.add(cast(grads[next++]));
      }
      outputs.put(weights.weightsName(), new SparseLayerGradients(layer.indices(), layer.inputs(), dy));
    }
    return new Gradients(masked.maskedWeightGradients(), byVariable, outputs);
  }

  @SuppressWarnings("unchecked")
  private static Output<TFloat32> cast(Output<?> output) {
    return (Output<TFloat32>) output;
  }

  /** Gradients of {@code loss} for the masked layers and {@code otherTrainables}. */
  public static Gradients compute(
      Graph graph, Operand<TFloat32> loss, List<MaskedWeights> layers, List<Variable<TFloat32>> otherTrainables) {
    return from(graph.addGradients(loss.asOutput(), inputs(layers, otherTrainables)), layers, otherTrainables);
  }

  /**
   * A data-parallel tower's gradients: the backward ops are named under {@code tower}'s scope
   * ({@code tower_1/gradients/...}) and placed on its device, where its forward pass runs.
   */
  public static Gradients compute(
      Ops tower, Operand<TFloat32> loss, List<MaskedWeights> layers, List<Variable<TFloat32>> otherTrainables) {
    Graph graph = (Graph) tower.scope().env();
    Output<?>[] grads = DevicePlacedGradients.add(graph, tower.scope().makeOpName("gradients"),
        tower.scope().getDeviceString(), new Output<?>[] {loss.asOutput()}, inputs(layers, otherTrainables));
    return from(grads, layers, otherTrainables);
  }

  private static Output<?>[] inputs(List<MaskedWeights> layers, List<Variable<TFloat32>> otherTrainables) {
    List<Output<?>> xs = new ArrayList<>();
    layers.forEach(l -> xs.add(l.maskedWeights().asOutput()));
    layers.forEach(l -> xs.add(l.weights().asOutput()));
    otherTrainables.forEach(v -> xs.add(v.asOutput()));
    return xs.toArray(new Output<?>[0]);
  }

  @SuppressWarnings("unchecked")
  private static Gradients from(
      Output<?>[] grads, List<MaskedWeights> layers, List<Variable<TFloat32>> otherTrainables) {
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

  /**
   * The element-wise mean of several towers' gradients of the same variables: the reference's TPU
   * path, where {@code CrossShardOptimizer} (reduction MEAN) scales each shard's loss by
   * 1/num_shards and {@code cross_replica_sum} adds the shards' gradients, for the weight step and,
   * since the sparse optimizers get their masked gradients from the same wrapped
   * {@code compute_gradients}, for dL/d(mask*W) too. One tower is returned unchanged.
   */
  public static Gradients average(Ops tf, List<Gradients> towers) {
    if (towers.isEmpty()) {
      throw new IllegalArgumentException("no tower gradients to average");
    }
    if (towers.size() == 1) {
      return towers.get(0);
    }
    Gradients first = towers.get(0);
    if (towers.stream().anyMatch(t -> !t.sparseLayerGradients().isEmpty())) {
      throw new IllegalArgumentException("towers with layers computed over their nonzeros are not averaged yet");
    }
    Operand<TFloat32> scale = tf.constant(1f / towers.size());
    Map<String, Operand<TFloat32>> masked = new LinkedHashMap<>();
    for (String name : first.maskedWeightGradients().keySet()) {
      List<Operand<TFloat32>> perTower = new ArrayList<>();
      for (Gradients t : towers) {
        Operand<TFloat32> g = t.maskedWeightGradients().get(name);
        if (g == null) {
          throw new IllegalArgumentException("a tower has no masked gradient for " + name);
        }
        perTower.add(g);
      }
      masked.put(name, tf.math.mul(tf.math.addN(perTower), scale));
    }
    List<GradientAndVariable> byVariable = new ArrayList<>();
    for (int i = 0; i < first.variableGradients().size(); i++) {
      Variable<TFloat32> variable = first.variableGradients().get(i).variable();
      List<Operand<TFloat32>> perTower = new ArrayList<>();
      for (Gradients t : towers) {
        GradientAndVariable gv = t.variableGradients().get(i);
        if (!gv.variable().op().name().equals(variable.op().name())) {
          throw new IllegalArgumentException("towers' gradients are not of the same variables at " + i);
        }
        perTower.add(gv.gradient());
      }
      byVariable.add(new GradientAndVariable(tf.math.mul(tf.math.addN(perTower), scale), variable));
    }
    return new Gradients(masked, byVariable);
  }
}
