package org.rigl.core.update;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rigl.core.mask.MaskInitializer;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.TrainStep;
import org.rigl.core.train.WeightOptimizer;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * {@code --training_method} to a training step, as the reference's drivers wire it: {@code baseline}
 * (dense, masks stay 1), {@code scratch} (fixed sparse mask), {@code set}, {@code rigl},
 * {@code momentum} (SNFS), {@code static}, {@code snip}, {@code dnw}, and {@code prune} (gradual
 * magnitude pruning; MNIST and CIFAR only).
 */
public final class TrainingMethods {
  /** {@code DST_METHODS} of the reference: methods that wrap the optimizer with mask updates. */
  public static final List<String> DYNAMIC = List.of("set", "momentum", "rigl", "static");
  /** {@code NO_MASK_INIT_METHODS} (+ prune, which starts dense): masks start all ones. */
  public static final List<String> NO_MASK_INIT = List.of("snip", "dnw", "baseline", "prune");
  /** The ImageNet driver's choices. */
  public static final List<String> IMAGENET = List.of("scratch", "baseline", "snip", "dnw", "set", "momentum", "rigl", "static");
  /** The MNIST and CIFAR drivers' choices. */
  public static final List<String> WITH_PRUNE = List.of("scratch", "set", "baseline", "momentum", "rigl", "static", "snip", "prune");

  private TrainingMethods() {}

  /** Rejects a method outside {@code valid} with a message listing them. */
  public static void check(String method, List<String> valid) {
    if (!valid.contains(method)) {
      throw new IllegalArgumentException(
          "--training_method: '" + method + "' is not valid (valid: " + String.join(", ", valid) + ")");
    }
  }

  /** Per-mask sparsity from {@code mask_init_method}, {@code end_sparsity} and the custom map. */
  public static Map<String, Double> sparsities(SparseTrainingConfig c, MaskRegistry masks) {
    if (c.maskInitMethod() == null || c.maskInitMethod().isEmpty()) {
      throw new IllegalArgumentException("--mask_init_method is required for --training_method=" + c.trainingMethod()
          + " (valid: random, erdos_renyi, erdos_renyi_kernel, str)");
    }
    return MaskInitializer.sparsities(masks, c.maskInitMethod(), c.endSparsity(), c.customSparsityMap(), c.erkPowerScale());
  }

  /**
   * The op that sets the initial random masks (run once on a fresh start, never after a restore),
   * or empty for methods whose masks start dense.
   */
  public static Optional<Op> maskInit(Ops tf, SparseTrainingConfig c, MaskRegistry masks) {
    if (NO_MASK_INIT.contains(c.trainingMethod())) {
      return Optional.empty();
    }
    return Optional.of(MaskInitializer.assignRandom(tf, masks, sparsities(c, masks), c.seed()));
  }

  /** Builds the training step of {@code c.trainingMethod()}. */
  public static TrainStep build(
      Ops tf,
      SparseTrainingConfig c,
      WeightOptimizer optimizer,
      Operand<TFloat32> loss,
      MaskRegistry masks,
      List<Variable<TFloat32>> others,
      Variable<TInt64> globalStep) {
    return build(tf, c, optimizer, loss, masks, others, globalStep, GradientTransform.identity());
  }

  /**
   * As {@link #build(Ops, SparseTrainingConfig, WeightOptimizer, Operand, MaskRegistry, List, Variable)},
   * with {@code transform} (e.g. gradient clipping) applied to the gradients the optimizer steps
   * with; grow scores keep the raw dL/d(mask*W).
   */
  public static TrainStep build(
      Ops tf,
      SparseTrainingConfig c,
      WeightOptimizer optimizer,
      Operand<TFloat32> loss,
      MaskRegistry masks,
      List<Variable<TFloat32>> others,
      Variable<TInt64> globalStep,
      GradientTransform transform) {
    Gradients gradients = Gradients.compute((Graph) tf.scope().env(), loss, masks.layers(), others);
    return build(tf, c, optimizer, gradients, masks, globalStep, transform);
  }

  /**
   * The training step of {@code c.trainingMethod()} from precomputed {@code gradients} of the
   * masked layers and the other trainables (e.g. the average of data-parallel towers'): one
   * optimizer step and at most one mask update.
   */
  public static TrainStep build(
      Ops tf,
      SparseTrainingConfig c,
      WeightOptimizer optimizer,
      Gradients gradients,
      MaskRegistry masks,
      Variable<TInt64> globalStep) {
    return build(tf, c, optimizer, gradients, masks, globalStep, GradientTransform.identity());
  }

  /** As above, with {@code transform} applied to the gradients the optimizer steps with. */
  public static TrainStep build(
      Ops tf,
      SparseTrainingConfig c,
      WeightOptimizer optimizer,
      Gradients gradients,
      MaskRegistry masks,
      Variable<TInt64> globalStep,
      GradientTransform transform) {
    String method = c.trainingMethod();
    if (DYNAMIC.contains(method)) {
      UpdateSchedule schedule = new UpdateSchedule(c.maskupdateBeginStep(), c.maskupdateEndStep(), c.maskupdateFrequency());
      return new DynamicSparseOptimizer(
              optimizer,
              SparseMethod.parse(method, c.sMomentum(), c.riglAccScale()),
              schedule,
              DropFractionSchedule.parse(c.dropFractionAnneal(), c.dropFraction(), schedule),
              GrowInit.parse(c.growInit(), method.equals("rigl")),
              c.seed())
          .build(tf, gradients, masks, globalStep, transform);
    }
    switch (method) {
      case "snip":
        return new SnipOptimizer(optimizer, sparsities(c, masks)).build(tf, gradients, masks, globalStep, transform);
      case "dnw":
        return new DnwOptimizer(optimizer, sparsities(c, masks)).build(tf, gradients, masks, globalStep, transform);
      case "baseline":
      case "scratch":
        return denseStep(tf, optimizer, gradients, globalStep, transform);
      case "prune": {
        TrainStep dense = denseStep(tf, optimizer, gradients, globalStep, transform);
        Map<String, Double> perLayer = new java.util.LinkedHashMap<>();
        c.customSparsityMap().forEach(perLayer::put);
        MagnitudePruning pruning =
            new MagnitudePruning(
                new UpdateSchedule(c.pruneBeginStep(), c.pruneEndStep(), c.pruningFrequency()),
                c.endSparsity(), perLayer, c.thresholdDecay());
        Op step = pruning.build(tf, dense.trainOp(), masks, globalStep);
        return new TrainStep(step, dense.dropFraction(), dense.isMaskUpdate(), dense.gradients());
      }
      default:
        throw new IllegalArgumentException(
            "--training_method: '" + method + "' is not valid (valid: " + String.join(", ", WITH_PRUNE) + ", dnw)");
    }
  }

  /** A plain optimizer step (masks untouched) and {@code gs += 1}. */
  static TrainStep denseStep(
      Ops tf, WeightOptimizer optimizer, Gradients gradients, Variable<TInt64> globalStep, GradientTransform transform) {
    Op step = tf.withControlDependencies(optimizer.applyGradients(tf, transform.apply(tf, gradients.variableGradients())))
        .assignAdd(globalStep, tf.constant(1L));
    return new TrainStep(step, tf.constant(0f), tf.constant(false), gradients);
  }
}
