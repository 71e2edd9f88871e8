package org.rigl.core.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rigl.core.graph.GraphCond;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Gradual magnitude pruning (Zhu &amp; Gupta 2017), the reference's {@code prune} method for MNIST
 * and CIFAR: a port of contrib's {@code model_pruning.Pruning} as those scripts configure it.
 *
 * <p>Sparsity {@code s(t) = target + (0 - target) (1 - p)^3}, {@code p = clip((t - begin) /
 * (end - begin), 0, 1)}; a layer listed in the weight-sparsity map gets {@code s(t) * target_l /
 * target} (first substring match of its weight name, as contrib). Every {@code frequency} steps
 * within [begin, end] the layer's threshold becomes the k-th largest |W| with
 * {@code k = round(n (1 - s))}, smoothed by {@code threshold_decay}, and the mask becomes
 * {@code |W| >= threshold}. Built after the train op so it sees the incremented global step.
 */
public final class MagnitudePruning {
  private static final float EXPONENT = 3f;

  private final UpdateSchedule schedule;
  private final double targetSparsity;
  private final Map<String, Double> weightSparsityMap;
  private final float thresholdDecay;

  public MagnitudePruning(
      UpdateSchedule schedule, double targetSparsity, Map<String, Double> weightSparsityMap, double thresholdDecay) {
    this.schedule = schedule;
    this.targetSparsity = targetSparsity;
    this.weightSparsityMap = weightSparsityMap;
    this.thresholdDecay = (float) thresholdDecay;
  }

  /** The scheduled global sparsity at {@code globalStep} (float32). */
  public Operand<TFloat32> sparsity(Ops tf, Operand<TInt64> globalStep) {
    Operand<TFloat32> progress =
        tf.math.div(
            tf.dtypes.cast(tf.math.sub(globalStep, tf.constant(schedule.beginStep())), TFloat32.class),
            tf.constant((float) (schedule.endStep() - schedule.beginStep())));
    Operand<TFloat32> p = tf.math.minimum(tf.constant(1f), tf.math.maximum(tf.constant(0f), progress));
    float target = (float) targetSparsity;
    return tf.math.add(
        tf.math.mul(tf.constant(0f - target), tf.math.pow(tf.math.sub(tf.constant(1f), p), tf.constant(EXPONENT))),
        tf.constant(target));
  }

  /** This layer's sparsity at {@code globalStep}: the global one, rescaled for mapped layers. */
  Operand<TFloat32> layerSparsity(Ops tf, Operand<TFloat32> global, MaskedWeights layer) {
    Double layerTarget = null;
    for (Map.Entry<String, Double> e : weightSparsityMap.entrySet()) {
      if (layer.weightsName().contains(e.getKey())) {
        if (layerTarget != null) {
          throw new IllegalArgumentException("Multiple matches in weight_sparsity_map for weight " + layer.weightsName());
        }
        layerTarget = e.getValue();
      }
    }
    if (layerTarget == null) {
      return global;
    }
    return tf.math.mul(global, tf.math.div(tf.constant(layerTarget.floatValue()), tf.constant((float) targetSparsity)));
  }

  /** Returns an op that, run after {@code trainOp}, updates the masks when due. */
  public Op build(Ops tf, Op trainOp, MaskRegistry masks, Variable<TInt64> globalStep) {
    // contrib keeps this step as int32 (and compares int32 casts of the global step), so a Python
    // checkpoint's model_pruning/last_mask_update_step restores here and ours there.
    Variable<TInt32> lastUpdate =
        ScopedNames.variable(tf, "model_pruning/last_mask_update_step", tf.constant(0));
    Ops after = tf.withControlDependencies(List.of(trainOp));
    Operand<TInt64> step = after.identity(globalStep);
    Operand<TBool> due = schedule.isUpdate(after, step, after.dtypes.cast(lastUpdate, TInt64.class));
    return GraphCond.cond(
        after,
        due,
        t -> {
          Operand<TFloat32> global = sparsity(t, step);
          List<Op> updates = new ArrayList<>();
          for (MaskedWeights layer : masks.layers()) {
            updates.add(updateLayer(t, layer, layerSparsity(t, global, layer)));
          }
          return List.of(t.withControlDependencies(updates).assign(lastUpdate, t.dtypes.cast(step, TInt32.class)));
        },
        f -> List.of(),
        "pruning_step");
  }

  private Op updateLayer(Ops tf, MaskedWeights layer, Operand<TFloat32> sparsity) {
    int n = Math.toIntExact(layer.shape().size());
    Operand<TFloat32> magnitude = tf.math.abs(layer.weights());
    Operand<TInt32> k =
        tf.dtypes.cast(
            tf.math.round(tf.math.mul(tf.constant((float) n), tf.math.sub(tf.constant(1f), sparsity))), TInt32.class);
    Operand<TFloat32> sorted = tf.nn.topK(tf.reshape(magnitude, tf.constant(new int[] {-1})), tf.constant(n), TInt32.class).values();
    // contrib gathers index k - 1 and fails when k rounds to 0; keep at least the largest weight.
    Operand<TInt32> index = tf.math.maximum(tf.math.sub(k, tf.constant(1)), tf.constant(0));
    Operand<TFloat32> current = tf.gather(sorted, index, tf.constant(0));
    Operand<TFloat32> smoothed =
        tf.math.add(
            tf.math.mul(current, tf.constant(1f - thresholdDecay)),
            tf.math.mul(layer.threshold(), tf.constant(thresholdDecay)));
    Op threshold = tf.assign(layer.threshold(), smoothed);
    Operand<TFloat32> mask = tf.dtypes.cast(tf.math.greaterEqual(magnitude, smoothed), TFloat32.class);
    return tf.withControlDependencies(List.of(threshold)).assign(layer.mask(), mask);
  }
}
