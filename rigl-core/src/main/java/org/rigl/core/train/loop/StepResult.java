package org.rigl.core.train.loop;

import java.util.Optional;

/**
 * One training step's outcome: the batch's loss, the global step after the step, and the first
 * tensor its {@link NonFiniteCheck} found NaN or infinite ({@code null} when all were finite or the
 * session checks nothing beyond the loss).
 */
public record StepResult(float loss, long globalStep, String nonFiniteTensor) {
  public StepResult(float loss, long globalStep) {
    this(loss, globalStep, (String) null);
  }

  public StepResult(float loss, long globalStep, Optional<String> nonFiniteTensor) {
    this(loss, globalStep, nonFiniteTensor.orElse(null));
  }

  /** The first non-finite tensor: the check's report, else the loss itself if it is not finite. */
  public Optional<String> firstNonFinite() {
    if (nonFiniteTensor != null) {
      return Optional.of(nonFiniteTensor);
    }
    return Float.isFinite(loss) ? Optional.empty() : Optional.of(NonFiniteCheck.LOSS);
  }
}
