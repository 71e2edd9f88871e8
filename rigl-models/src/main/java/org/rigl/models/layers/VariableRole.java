package org.rigl.models.layers;

/**
 * What a model variable holds. The role decides trainability as the reference's layers do: masks,
 * thresholds and batch-norm moving statistics are created with {@code trainable=False}.
 */
public enum VariableRole {
  MASK(false),
  MASKED_WEIGHTS(true),
  THRESHOLD(false),
  KERNEL(true),
  BIAS(true),
  GAMMA(true),
  BETA(true),
  MOVING_MEAN(false),
  MOVING_VARIANCE(false);

  private final boolean trainable;

  VariableRole(boolean trainable) {
    this.trainable = trainable;
  }

  public boolean trainable() {
    return trainable;
  }
}
