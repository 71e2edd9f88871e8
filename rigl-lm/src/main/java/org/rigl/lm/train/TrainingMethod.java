package org.rigl.lm.train;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code --training_method}: the reference's methods ({@code imagenet_train_eval.py} plus the
 * {@code prune} of its MNIST and CIFAR drivers).
 */
public enum TrainingMethod {
  /** Dense: masks stay all ones. */
  BASELINE("baseline"),
  /** A fixed random mask from {@code --mask_init_method}. */
  SCRATCH("scratch"),
  SET("set"),
  /** Sparse momentum (SNFS). */
  MOMENTUM("momentum"),
  RIGL("rigl"),
  STATIC("static"),
  SNIP("snip"),
  DNW("dnw"),
  /** Gradual magnitude pruning from dense. */
  PRUNE("prune");

  private final String flagName;

  TrainingMethod(String flagName) {
    this.flagName = flagName;
  }

  public String flagName() {
    return flagName;
  }

  /** The dynamic sparse methods that wrap the optimizer with a drop/grow schedule. */
  public boolean isDynamic() {
    return this == SET || this == MOMENTUM || this == RIGL || this == STATIC;
  }

  /** Starts from a random mask (the reference's methods outside NO_MASK_INIT_METHODS, and scratch). */
  public boolean initialisesMasks() {
    return this == SCRATCH || isDynamic();
  }

  /** Needs per-layer sparsities from {@code --mask_init_method}. */
  public boolean needsSparsityDistribution() {
    return initialisesMasks() || this == SNIP || this == DNW;
  }

  public static TrainingMethod parse(String name) {
    for (TrainingMethod m : values()) {
      if (m.flagName.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("--training_method: '" + name + "' is not valid (valid: "
        + Arrays.stream(values()).map(TrainingMethod::flagName).collect(Collectors.joining(", ")) + ")");
  }
}
