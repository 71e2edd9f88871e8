package org.rigl.core.train.loop;

/**
 * When {@link TrainingLoop} saves a checkpoint. The drivers' reference scripts differ here, and each
 * keeps its own rule: the Estimator's {@code CheckpointSaverHook}, the LM's multiples, MNIST's one
 * checkpoint at the end.
 */
public interface CheckpointCadence {
  /** {@code lastSaved} before this run has saved anything, or resumed from anything. */
  long NONE = -1;

  /** Whether a fresh start saves the state it starts from. */
  boolean savesFreshStart();

  /**
   * Whether to save after a step that reached {@code step}; {@code first} is the step the run
   * started from, {@code lastSaved} the step of the last checkpoint (resumed from or saved), or {@link #NONE}.
   */
  boolean isDue(long step, long first, long lastSaved);

  /** Whether the end of training saves its last step (never twice the same step). */
  boolean savesAtEnd();

  /**
   * The Estimator's {@code CheckpointSaverHook}: the starting state of a fresh run, then whenever the
   * step has advanced {@code every} past the last checkpoint, and the last step.
   */
  static CheckpointCadence estimator(long every) {
    return new CheckpointCadence() {
      @Override
      public boolean savesFreshStart() {
        return true;
      }

      @Override
      public boolean isDue(long step, long first, long lastSaved) {
        return step >= lastSaved + every;
      }

      @Override
      public boolean savesAtEnd() {
        return true;
      }
    };
  }

  /** Every multiple of {@code every} reached by a step of this run, and the last step. */
  static CheckpointCadence multiplesOf(long every) {
    return new CheckpointCadence() {
      @Override
      public boolean savesFreshStart() {
        return false;
      }

      @Override
      public boolean isDue(long step, long first, long lastSaved) {
        return step % every == 0 && step != lastSaved && step != first;
      }

      @Override
      public boolean savesAtEnd() {
        return true;
      }
    };
  }

  /** Only the last step ({@code atEnd}), or nothing at all. */
  static CheckpointCadence onlyAtEnd(boolean atEnd) {
    return new CheckpointCadence() {
      @Override
      public boolean savesFreshStart() {
        return false;
      }

      @Override
      public boolean isDue(long step, long first, long lastSaved) {
        return false;
      }

      @Override
      public boolean savesAtEnd() {
        return atEnd;
      }
    };
  }
}
