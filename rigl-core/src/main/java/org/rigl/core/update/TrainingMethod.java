package org.rigl.core.update;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.WeightOptimizer;

/**
 * The {@code --training_method} values of the reference's drivers and what each one does: whether
 * it starts from random sparse masks, whether it needs a sparsity distribution, whether it updates
 * masks on a schedule, and the step it trains with. Drivers accept different subsets.
 */
public enum TrainingMethod {
  /** Dense: masks stay all ones. */
  BASELINE(false, false) {
    @Override
    StepBuilder steps(SparseTrainingConfig c, WeightOptimizer optimizer, MaskRegistry masks) {
      return new DenseStep(optimizer);
    }
  },
  /** A fixed random sparse mask. */
  SCRATCH(true, false) {
    @Override
    StepBuilder steps(SparseTrainingConfig c, WeightOptimizer optimizer, MaskRegistry masks) {
      return new DenseStep(optimizer);
    }
  },
  /** Sparse evolutionary training: grows at random. */
  SET(true, true) {
    @Override
    DynamicMethod growRule(SparseTrainingConfig c) {
      return new SetMethod();
    }
  },
  /** Sparse momentum (SNFS). */
  MOMENTUM(true, true) {
    @Override
    DynamicMethod growRule(SparseTrainingConfig c) {
      return new SnfsMethod((float) c.sMomentum());
    }
  },
  RIGL(true, true) {
    @Override
    DynamicMethod growRule(SparseTrainingConfig c) {
      return new RigLMethod((float) c.riglAccScale());
    }
  },
  /** Drops and regrows the same connections with fresh values. */
  STATIC(true, true) {
    @Override
    DynamicMethod growRule(SparseTrainingConfig c) {
      return new StaticMethod();
    }
  },
  /** Prunes once, at the first step, by |gradient * weight|. */
  SNIP(false, false) {
    @Override
    StepBuilder steps(SparseTrainingConfig c, WeightOptimizer optimizer, MaskRegistry masks) {
      return new SnipStep(optimizer, c.sparsities(masks));
    }
  },
  /** Keeps the largest weights at every step, trained with straight-through gradients. */
  DNW(false, false) {
    @Override
    StepBuilder steps(SparseTrainingConfig c, WeightOptimizer optimizer, MaskRegistry masks) {
      return new DnwStep(optimizer, c.sparsities(masks));
    }
  },
  /** Gradual magnitude pruning from dense. */
  PRUNE(false, false) {
    @Override
    StepBuilder steps(SparseTrainingConfig c, WeightOptimizer optimizer, MaskRegistry masks) {
      Map<String, Double> perLayer = new LinkedHashMap<>(c.customSparsityMap());
      MagnitudePruning pruning = new MagnitudePruning(
          new UpdateSchedule(c.pruneBeginStep(), c.pruneEndStep(), c.pruningFrequency()),
          c.endSparsity(), perLayer, c.thresholdDecay());
      return new PruningStep(optimizer, pruning);
    }
  };

  private final boolean startsFromRandomMasks;
  private final boolean dynamic;

  TrainingMethod(boolean startsFromRandomMasks, boolean dynamic) {
    this.startsFromRandomMasks = startsFromRandomMasks;
    this.dynamic = dynamic;
  }

  /** The {@code --training_method} value: the name in lower case. */
  public String flagName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Starts from random sparse masks (the reference's methods outside {@code NO_MASK_INIT_METHODS});
   * the others start dense.
   */
  public boolean startsFromRandomMasks() {
    return startsFromRandomMasks;
  }

  /** Updates masks by drop and grow on a schedule (the reference's {@code DST_METHODS}). */
  public boolean isDynamic() {
    return dynamic;
  }

  /** Needs per-layer sparsities from {@code --mask_init_method}: random masks, or SNIP's and DNW's targets. */
  public boolean needsSparsityDistribution() {
    return startsFromRandomMasks || this == SNIP || this == DNW;
  }

  /** The step of this method with the settings of {@code c}. */
  StepBuilder steps(SparseTrainingConfig c, WeightOptimizer optimizer, MaskRegistry masks) {
    UpdateSchedule schedule = new UpdateSchedule(c.maskupdateBeginStep(), c.maskupdateEndStep(), c.maskupdateFrequency());
    return new DynamicSparseStep(
        optimizer,
        growRule(c),
        schedule,
        DropFractionSchedule.parse(c.dropFractionAnneal(), c.dropFraction(), schedule),
        GrowInit.parse(c.growInit(), this == RIGL),
        c.seed());
  }

  /** The grow scores of a dynamic method. */
  DynamicMethod growRule(SparseTrainingConfig c) {
    throw new IllegalArgumentException(
        "training_method: " + flagName() + " is not a dynamic sparse method (valid: set, rigl, momentum, static)");
  }

  /** Every method, in declaration order. */
  public static List<TrainingMethod> all() {
    return List.of(values());
  }

  /** Parses {@code name} among all methods. */
  public static TrainingMethod parse(String name) {
    return parse(name, all());
  }

  /** Parses {@code name} among the methods a driver accepts, rejecting others with the list of those. */
  public static TrainingMethod parse(String name, List<TrainingMethod> accepted) {
    for (TrainingMethod m : accepted) {
      if (m.flagName().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("--training_method: '" + name + "' is not valid (valid: "
        + accepted.stream().map(TrainingMethod::flagName).collect(Collectors.joining(", ")) + ")");
  }

  /** The methods named, in that order (a driver's accepted list). */
  public static List<TrainingMethod> named(String... names) {
    return Arrays.stream(names).map(TrainingMethod::parse).toList();
  }

  @Override
  public String toString() {
    return flagName();
  }
}
