package org.rigl.core.train.loop;

/** Which training steps also write the training summaries, decided from the global step before the step. */
@FunctionalInterface
public interface SummaryCadence {
  boolean isDue(long stepBefore);

  /** Steps that start at a multiple of {@code every} (the Estimator's {@code save_summary_steps}). */
  static SummaryCadence startingAtMultiplesOf(long every) {
    return stepBefore -> stepBefore % every == 0;
  }

  /** Steps that end at a multiple of {@code every}. */
  static SummaryCadence endingAtMultiplesOf(long every) {
    return stepBefore -> (stepBefore + 1) % every == 0;
  }
}
