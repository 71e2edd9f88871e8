package org.rigl.models.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.graph.StatelessSeeds;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.mask.WeightInitializer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Where one network creates its variables: exact TF1 names, the reference's creation order, and
 * the bookkeeping TF1 keeps in graph collections (all variables, regularized kernels).
 *
 * <p>Masked layers go through the shared {@link MaskRegistry} (the optimizers' view); every other
 * variable is created here under its full name. Initial values are stateless draws keyed by
 * (registry seed, variable name), the same rule {@link MaskRegistry} uses for masked weights.
 */
public final class LayerContext {
  private final Ops tf;
  private final MaskRegistry masks;
  private final List<ModelVariable> variables = new ArrayList<>();
  private final List<Variable<TFloat32>> regularizedKernels = new ArrayList<>();
  private final Map<String, Integer> defaultNameUses = new HashMap<>();

  public LayerContext(Ops tf, MaskRegistry masks) {
    this.tf = tf;
    this.masks = masks;
  }

  public Ops tf() {
    return tf;
  }

  public long seed() {
    return masks.seed();
  }

  /** A masked layer {@code scope/{mask,weights,threshold}}; its weights carry the L2 regularizer. */
  public Kernel maskedKernel(String scope, Shape shape, WeightInitializer initializer) {
    MaskedWeights layer = masks.create(tf, scope, shape, initializer);
    record(layer.mask(), VariableRole.MASK);
    record(layer.weights(), VariableRole.MASKED_WEIGHTS);
    record(layer.threshold(), VariableRole.THRESHOLD);
    regularizedKernels.add(layer.weights());
    return Kernel.of(layer);
  }

  /** A plain kernel variable named {@code fullName}, drawn from {@code initializer}. */
  public Kernel plainKernel(String fullName, Shape shape, WeightInitializer initializer, boolean regularized) {
    Operand<TFloat32> initial =
        initializer.create(tf, shape, tf.constant(new long[] {seed(), StatelessSeeds.key(0, fullName, "init")}));
    Variable<TFloat32> kernel = ScopedNames.variable(tf, fullName, initial);
    record(kernel, VariableRole.KERNEL);
    if (regularized) {
      regularizedKernels.add(kernel);
    }
    return Kernel.plain(kernel);
  }

  /** A vector of {@code size} copies of {@code value} (biases, batch-norm parameters). */
  public Variable<TFloat32> filledVector(String fullName, long size, float value, VariableRole role) {
    Operand<TFloat32> initial = tf.fill(tf.constant(new long[] {size}), tf.constant(value));
    Variable<TFloat32> variable = ScopedNames.variable(tf, fullName, initial);
    record(variable, role);
    return variable;
  }

  /**
   * TF1's default-name rule ({@code variable_scope(None, default_name=base)}) under {@code parent}:
   * {@code parent/base} the first time, then {@code parent/base_1}, {@code parent/base_2}, ...
   * This is how {@code tf.layers.batch_normalization} layers get their names.
   */
  public String uniqueScope(String parent, String base) {
    String key = parent + "/" + base;
    int uses = defaultNameUses.merge(key, 1, Integer::sum);
    return uses == 1 ? key : key + "_" + (uses - 1);
  }

  /** Every variable created so far, in creation order. */
  public List<ModelVariable> variables() {
    return Collections.unmodifiableList(variables);
  }

  /** Kernels created with the reference's {@code l2_regularizer}, in creation order. */
  public List<Variable<TFloat32>> regularizedKernels() {
    return Collections.unmodifiableList(regularizedKernels);
  }

  private void record(Variable<TFloat32> variable, VariableRole role) {
    variables.add(new ModelVariable(variable.op().name(), variable, role));
  }
}
