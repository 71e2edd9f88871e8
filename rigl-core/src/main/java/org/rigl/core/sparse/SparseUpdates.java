package org.rigl.core.sparse;

import java.util.List;
import org.tensorflow.Operation;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Reads and weight steps at the positions {@code indices} ({@code [nnz, 2]}) of a 2-D variable, as a
 * layer computed over its nonzeros takes them: the native kernels ({@code RiglGather},
 * {@code RiglSparseApply*}) where the library loaded, else TF's GatherNd and ScatterNd ops (the same
 * arithmetic, several times slower). Each update applies TF's ApplyGradientDescent, ApplyMomentum or
 * ApplyAdam formula at those positions alone.
 */
public final class SparseUpdates {
  private SparseUpdates() {}

  private static boolean nativeKernels() {
    return NativeSparseOps.load().isEmpty();
  }

  /** The values of {@code params} at {@code indices}, in their order. */
  public static Operand<TFloat32> gather(Ops tf, Operand<TFloat32> params, Operand<TInt64> indices) {
    if (!nativeKernels()) {
      return tf.gatherNd(params, indices);
    }
    return tf.scope().opBuilder("RiglGather", "RiglGather").addInput(params.asOutput()).addInput(indices.asOutput())
        .build().output(0);
  }

  /** var -= lr * grad at the positions. */
  public static Op sgd(Ops tf, Variable<TFloat32> var, Operand<TInt64> indices, Operand<TFloat32> grad,
      Operand<TFloat32> lr) {
    if (!nativeKernels()) {
      return tf.scatterNdSub(var, indices, tf.math.mul(grad, lr));
    }
    return build(tf, "RiglSparseApplySgd", var, indices, grad, lr);
  }

  /** accum = accum * m + grad; var -= accum * lr (Nesterov: grad * lr + accum * m * lr), at the positions. */
  public static Op momentum(Ops tf, Variable<TFloat32> var, Variable<TFloat32> accumulator, Operand<TInt64> indices,
      Operand<TFloat32> grad, Operand<TFloat32> lr, Operand<TFloat32> momentum, boolean useNesterov) {
    if (!nativeKernels()) {
      Operand<TFloat32> accum = tf.math.add(tf.math.mul(tf.gatherNd(accumulator, indices), momentum), grad);
      Operand<TFloat32> step = useNesterov
          ? tf.math.add(tf.math.mul(grad, lr), tf.math.mul(tf.math.mul(accum, momentum), lr))
          : tf.math.mul(accum, lr);
      Op stored = tf.scatterNdUpdate(accumulator, indices, accum);
      return tf.withControlDependencies(List.of(stored)).scatterNdSub(var, indices, step);
    }
    Operation op = tf.scope().opBuilder("RiglSparseApplyMomentum", "RiglSparseApplyMomentum")
        .addInput(var.asOutput()).addInput(accumulator.asOutput()).addInput(indices.asOutput())
        .addInput(grad.asOutput()).addInput(lr.asOutput()).addInput(momentum.asOutput())
        .setAttr("use_nesterov", useNesterov).build();
    return () -> op;
  }

  /**
   * m += (grad - m)(1 - beta1); v += (grad² - v)(1 - beta2); var -= m·α / (√v + ε) with
   * α = lr·√(1 - beta2_power) / (1 - beta1_power), at the positions.
   */
  public static Op adam(Ops tf, Variable<TFloat32> var, Variable<TFloat32> m, Variable<TFloat32> v,
      Operand<TInt64> indices, Operand<TFloat32> grad, Operand<TFloat32> beta1Power, Operand<TFloat32> beta2Power,
      Operand<TFloat32> lr, float beta1, float beta2, float epsilon) {
    if (!nativeKernels()) {
      Operand<TFloat32> one = tf.constant(1f);
      Operand<TFloat32> alpha = tf.math.div(tf.math.mul(lr, tf.math.sqrt(tf.math.sub(one, beta2Power))),
          tf.math.sub(one, beta1Power));
      Operand<TFloat32> m0 = tf.gatherNd(m, indices);
      Operand<TFloat32> v0 = tf.gatherNd(v, indices);
      Operand<TFloat32> m1 = tf.math.add(m0, tf.math.mul(tf.math.sub(grad, m0), tf.constant(1f - beta1)));
      Operand<TFloat32> v1 =
          tf.math.add(v0, tf.math.mul(tf.math.sub(tf.math.square(grad), v0), tf.constant(1f - beta2)));
      Operand<TFloat32> step = tf.math.div(tf.math.mul(m1, alpha), tf.math.add(tf.math.sqrt(v1), tf.constant(epsilon)));
      Op storedM = tf.scatterNdUpdate(m, indices, m1);
      Op storedV = tf.scatterNdUpdate(v, indices, v1);
      return tf.withControlDependencies(List.of(storedM, storedV)).scatterNdSub(var, indices, step);
    }
    return build(tf, "RiglSparseApplyAdam", var, m, v, indices, grad, beta1Power, beta2Power, lr,
        tf.constant(beta1), tf.constant(beta2), tf.constant(epsilon));
  }

  private static Op build(Ops tf, String type, Operand<?>... inputs) {
    var builder = tf.scope().opBuilder(type, type);
    for (Operand<?> input : inputs) {
      builder.addInput(input.asOutput());
    }
    Operation op = builder.build();
    return () -> op;
  }
}
