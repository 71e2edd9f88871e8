package org.rigl.core.train.loop;

/**
 * When {@link TrainingLoop} evaluates the live session (drivers that evaluate checkpoints in a graph
 * of their own use {@link TrainingLoop#trainAndEvaluate} or {@link CheckpointPoller}).
 *
 * @param due whether to evaluate after a step (see {@link #isDue})
 * @param atEnd whether the end of training evaluates once more, after its last checkpoint
 */
public record EvaluationCadence(Due due, boolean atEnd) {
  /** The rule of {@link #isDue}. */
  @FunctionalInterface
  public interface Due {
    boolean test(long step, long until);
  }

  /** Whether to evaluate after a step that reached {@code step} of a run to {@code until}. */
  public boolean isDue(long step, long until) {
    return due.test(step, until);
  }

  /** Every multiple of {@code every} before the end (0: none), and once at the end. */
  public static EvaluationCadence multiplesBeforeEndThenEnd(long every) {
    return new EvaluationCadence((step, until) -> every > 0 && step % every == 0 && step < until, true);
  }

  /** Every multiple of {@code every} and the last step, nothing after the loop. */
  public static EvaluationCadence multiplesAndLastStep(long every) {
    return new EvaluationCadence((step, until) -> step % every == 0 || step == until, false);
  }
}
