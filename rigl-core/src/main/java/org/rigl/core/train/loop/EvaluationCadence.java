package org.rigl.core.train.loop;

/**
 * When {@link TrainingLoop} evaluates the live session (drivers that evaluate checkpoints in a graph
 * of their own use {@link TrainingLoop#trainAndEvaluate} or {@link CheckpointPoller}).
 */
public interface EvaluationCadence {
  /** Whether to evaluate after a step that reached {@code step} of a run to {@code until}. */
  boolean isDue(long step, long until);

  /** Whether the end of training evaluates once more, after its last checkpoint. */
  boolean atEnd();

  /** Every multiple of {@code every} before the end (0: none), and once at the end. */
  static EvaluationCadence multiplesBeforeEndThenEnd(long every) {
    return new EvaluationCadence() {
      @Override
      public boolean isDue(long step, long until) {
        return every > 0 && step % every == 0 && step < until;
      }

      @Override
      public boolean atEnd() {
        return true;
      }
    };
  }

  /** Every multiple of {@code every} and the last step, nothing after the loop. */
  static EvaluationCadence multiplesAndLastStep(long every) {
    return new EvaluationCadence() {
      @Override
      public boolean isDue(long step, long until) {
        return step % every == 0 || step == until;
      }

      @Override
      public boolean atEnd() {
        return false;
      }
    };
  }
}
