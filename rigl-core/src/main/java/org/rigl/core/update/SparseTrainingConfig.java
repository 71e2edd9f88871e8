package org.rigl.core.update;

import static org.rigl.core.flags.FlagChecks.check;
import static org.rigl.core.flags.FlagChecks.inRange;
import static org.rigl.core.flags.FlagChecks.nonNegative;

import java.util.Map;
import java.util.Optional;
import org.rigl.core.mask.MaskInitializer;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.sparsity.SparsityDistribution;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.TrainStep;
import org.rigl.core.train.WeightOptimizer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TInt64;

/**
 * The sparse-training flags every driver shares, with the reference's names (imagenet_train_eval.py,
 * mnist_train_eval.py, resnet_train_eval.py, and the LM's): built with {@link #builder}, checked by
 * {@link #validate}, and turned into the training step by {@link #buildStep}.
 *
 * @param customSparsityMap per-mask sparsities that override the distribution (first/last layer)
 * @param pruneBeginStep first step of {@code prune}'s schedule (likewise its end and frequency)
 * @param loadMaskDir checkpoint whose masks start training instead of random ones ('' for none)
 */
public record SparseTrainingConfig(
    TrainingMethod method,
    double endSparsity,
    String maskInitMethod,
    double erkPowerScale,
    Map<String, Double> customSparsityMap,
    double dropFraction,
    String dropFractionAnneal,
    String growInit,
    double sMomentum,
    double riglAccScale,
    long maskupdateBeginStep,
    long maskupdateEndStep,
    long maskupdateFrequency,
    long pruneBeginStep,
    long pruneEndStep,
    long pruningFrequency,
    double thresholdDecay,
    long seed,
    String loadMaskDir) {

  /** The {@code --training_method} value. */
  public String trainingMethod() {
    return method.flagName();
  }

  public static Builder builder(TrainingMethod method) {
    return new Builder(method);
  }

  /** A builder holding these values, to change some. */
  public Builder toBuilder() {
    Builder b = new Builder(method);
    b.endSparsity = endSparsity;
    b.maskInitMethod = maskInitMethod;
    b.erkPowerScale = erkPowerScale;
    b.customSparsityMap = customSparsityMap;
    b.dropFraction = dropFraction;
    b.dropFractionAnneal = dropFractionAnneal;
    b.growInit = growInit;
    b.sMomentum = sMomentum;
    b.riglAccScale = riglAccScale;
    b.maskupdateBeginStep = maskupdateBeginStep;
    b.maskupdateEndStep = maskupdateEndStep;
    b.maskupdateFrequency = maskupdateFrequency;
    b.pruneBeginStep = pruneBeginStep;
    b.pruneEndStep = pruneEndStep;
    b.pruningFrequency = pruningFrequency;
    b.thresholdDecay = thresholdDecay;
    b.seed = seed;
    b.loadMaskDir = loadMaskDir;
    return b;
  }

  /**
   * Every cross-flag rule, checked before any graph is built, with errors naming the flag and its
   * valid values: the method is one the driver accepts, the sparsity is in [0, 1), the masks have a
   * source, and the flags the method reads hold valid values.
   */
  public SparseTrainingConfig validate(SparseTrainingRules rules) {
    TrainingMethod.parse(method.flagName(), rules.methods());
    check(endSparsity >= 0 && endSparsity < 1, "--end_sparsity must be in [0, 1), got " + endSparsity);
    nonNegative("--erk_power_scale", erkPowerScale);
    boolean masksLoaded = rules.loadsMasks() && !loadMaskDir.isEmpty() && method.startsFromRandomMasks();
    // wide_resnet_w_pruning asserts this: scratch masks come only from a checkpoint.
    check(!(method == TrainingMethod.SCRATCH && rules.scratchNeedsLoadedMasks() && !masksLoaded),
        "--training_method=scratch needs --load_mask_dir (resnet_train_eval.py gives scratch no random masks)");
    if (method.needsSparsityDistribution() && !masksLoaded) {
      check(maskInitMethod != null && !maskInitMethod.isBlank(), "--mask_init_method is required for --training_method="
          + method + " (valid: " + SparsityDistribution.validNames() + ")" + (rules.loadsMasks() ? " or --load_mask_dir" : ""));
      parses("--mask_init_method", maskInitMethod, SparsityDistribution.validNames(),
          () -> SparsityDistribution.parse(maskInitMethod));
    }
    if (method.isDynamic()) {
      check(maskupdateFrequency > 0, "--maskupdate_frequency must be positive, got " + maskupdateFrequency);
      nonNegative("--maskupdate_begin_step", maskupdateBeginStep);
      check(dropFraction >= 0 && dropFraction <= 1, "--drop_fraction must be in [0, 1], got " + dropFraction);
      inRange("--s_momentum", sMomentum, 0, 1);
      nonNegative("--rigl_acc_scale", riglAccScale);
      parses("--drop_fraction_anneal", dropFractionAnneal, "constant, cosine, exponential_<k>",
          () -> DropFractionSchedule.parse(dropFractionAnneal, dropFraction,
              new UpdateSchedule(maskupdateBeginStep, maskupdateEndStep, maskupdateFrequency)));
      try {
        GrowInit.parse(growInit, method == TrainingMethod.RIGL);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--grow_init: " + e.getMessage());
      }
    }
    if (method == TrainingMethod.PRUNE) {
      check(pruningFrequency > 0, rules.pruningFrequencyFlag() + " must be positive, got " + pruningFrequency);
      // contrib pruning's own check: "Pruning must always begin before it ends".
      check(pruneBeginStep < pruneEndStep, rules.pruneBeginFlag() + " " + pruneBeginStep + " must come before "
          + rules.pruneEndFlag() + " " + pruneEndStep + rules.pruneStepsNote());
      inRange("--threshold_decay", thresholdDecay, 0, 1);
    }
    return this;
  }

  /** Fails naming {@code flag} and its {@code valid} values unless {@code parse} accepts {@code value}. */
  private static void parses(String flag, String value, String valid, Runnable parse) {
    try {
      parse.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": '" + value + "' is not valid (valid: " + valid + ")");
    }
  }

  /** Per-mask sparsity from {@code mask_init_method}, {@code end_sparsity} and the custom map. */
  public Map<String, Double> sparsities(MaskRegistry masks) {
    if (maskInitMethod == null || maskInitMethod.isEmpty()) {
      throw new IllegalArgumentException("--mask_init_method is required for --training_method=" + method
          + " (valid: random, erdos_renyi, erdos_renyi_kernel, str)");
    }
    return MaskInitializer.sparsities(masks, maskInitMethod, endSparsity, customSparsityMap, erkPowerScale);
  }

  /**
   * The op that sets the initial random masks (run once on a fresh start, never after a restore),
   * or empty for methods whose masks start dense.
   */
  public Optional<Op> maskInit(Ops tf, MaskRegistry masks) {
    if (!method.startsFromRandomMasks()) {
      return Optional.empty();
    }
    return Optional.of(MaskInitializer.assignRandom(tf, masks, sparsities(masks), seed));
  }

  /**
   * The training step of the method from {@code gradients} ({@link Gradients#compute} of the loss,
   * or the average of data-parallel towers'): one optimizer step and at most one mask update.
   * {@code transform} (e.g. clipping) applies to the gradients the optimizer steps with; grow scores
   * keep the raw dL/d(mask*W).
   */
  public TrainStep buildStep(
      Ops tf,
      WeightOptimizer optimizer,
      Gradients gradients,
      MaskRegistry masks,
      Variable<TInt64> globalStep,
      GradientTransform transform) {
    return method.steps(this, optimizer, masks).build(tf, gradients, masks, globalStep, transform);
  }

  /** Starts from the defaults the reference's drivers share; each driver sets its own. */
  public static final class Builder {
    private TrainingMethod method;
    private double endSparsity = 0.9;
    private String maskInitMethod = "random";
    private double erkPowerScale = 1.0;
    private Map<String, Double> customSparsityMap = Map.of();
    private double dropFraction = 0.3;
    private String dropFractionAnneal = "constant";
    private String growInit = "zeros";
    private double sMomentum = 0.9;
    private double riglAccScale = 0;
    private long maskupdateBeginStep = 0;
    private long maskupdateEndStep = 25000;
    private long maskupdateFrequency = 100;
    private long pruneBeginStep = 0;
    private long pruneEndStep = 0;
    private long pruningFrequency = 1;
    private double thresholdDecay = 0;
    private long seed = 0;
    private String loadMaskDir = "";

    private Builder(TrainingMethod method) {
      this.method = method;
    }

    public Builder method(TrainingMethod v) {
      method = v;
      return this;
    }

    public Builder endSparsity(double v) {
      endSparsity = v;
      return this;
    }

    public Builder maskInitMethod(String v) {
      maskInitMethod = v;
      return this;
    }

    public Builder erkPowerScale(double v) {
      erkPowerScale = v;
      return this;
    }

    public Builder customSparsityMap(Map<String, Double> v) {
      customSparsityMap = v;
      return this;
    }

    public Builder dropFraction(double v) {
      dropFraction = v;
      return this;
    }

    public Builder dropFractionAnneal(String v) {
      dropFractionAnneal = v;
      return this;
    }

    public Builder growInit(String v) {
      growInit = v;
      return this;
    }

    public Builder sMomentum(double v) {
      sMomentum = v;
      return this;
    }

    public Builder riglAccScale(double v) {
      riglAccScale = v;
      return this;
    }

    /** The dynamic methods' mask-update schedule: first step, last step (-1: none) and interval. */
    public Builder maskUpdates(long beginStep, long endStep, long frequency) {
      maskupdateBeginStep = beginStep;
      maskupdateEndStep = endStep;
      maskupdateFrequency = frequency;
      return this;
    }

    /** {@code prune}'s schedule: first and last pruning step and the interval. */
    public Builder pruning(long beginStep, long endStep, long frequency) {
      pruneBeginStep = beginStep;
      pruneEndStep = endStep;
      pruningFrequency = frequency;
      return this;
    }

    public Builder thresholdDecay(double v) {
      thresholdDecay = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder loadMaskDir(String v) {
      loadMaskDir = v;
      return this;
    }

    public SparseTrainingConfig build() {
      return new SparseTrainingConfig(method, endSparsity, maskInitMethod, erkPowerScale, customSparsityMap, dropFraction,
          dropFractionAnneal, growInit, sMomentum, riglAccScale, maskupdateBeginStep, maskupdateEndStep,
          maskupdateFrequency, pruneBeginStep, pruneEndStep, pruningFrequency, thresholdDecay, seed, loadMaskDir);
    }
  }
}
