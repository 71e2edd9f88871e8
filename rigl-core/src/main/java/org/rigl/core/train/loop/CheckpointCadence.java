package org.rigl.core.train.loop;

/**
 * When {@link TrainingLoop} saves a checkpoint. The drivers' reference scripts differ here, and each
 * keeps its own rule: the Estimator's {@code CheckpointSaverHook}, the LM's multiples, MNIST's one
 * checkpoint at the end.
 *
 * @param savesFreshStart whether a fresh start saves the state it starts from
 * @param due whether to save after a step (see {@link #isDue})
 * @param savesAtEnd whether the end of training saves its last step (never twice the same step)
 */
public record CheckpointCadence(boolean savesFreshStart, Due due, boolean savesAtEnd) {
  /** {@code lastSaved} before this run has saved anything, or resumed from anything. */
  public static final long NONE = -1;

  /** The rule of {@link #isDue}. */
  @FunctionalInterface
  public interface Due {
    boolean test(long step, long first, long lastSaved);
  }

  /**
   * Whether to save after a step that reached {@code step}; {@code first} is the step the run
   * started from, {@code lastSaved} the step of the last checkpoint (resumed from or saved), or {@link #NONE}.
   */
  public boolean isDue(long step, long first, long lastSaved) {
    return due.test(step, first, lastSaved);
  }

  /**
   * The Estimator's {@code CheckpointSaverHook}: the starting state of a fresh run, then whenever the
   * step has advanced {@code every} past the last checkpoint, and the last step.
   */
  public static CheckpointCadence estimator(long every) {
    return new CheckpointCadence(true, (step, first, lastSaved) -> step >= lastSaved + every, true);
  }

  /** Every multiple of {@code every} reached by a step of this run, and the last step. */
  public static CheckpointCadence multiplesOf(long every) {
    return new CheckpointCadence(
        false, (step, first, lastSaved) -> step % every == 0 && step != lastSaved && step != first, true);
  }

  /** Only the last step ({@code atEnd}), or nothing at all. */
  public static CheckpointCadence onlyAtEnd(boolean atEnd) {
    return new CheckpointCadence(false, (step, first, lastSaved) -> false, atEnd);
  }
}
