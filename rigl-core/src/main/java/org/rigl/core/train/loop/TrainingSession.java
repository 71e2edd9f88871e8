package org.rigl.core.train.loop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.rigl.core.checkpoint.CheckpointManager;

/**
 * One driver's training graph in a live session, as {@link TrainingLoop} drives it: started either
 * fresh or from a checkpoint, then stepped, and saved when the loop's cadence says so. Where a
 * driver's input position lives is the session's business: it reads its own batches in
 * {@link #step} and records the position in {@link #save}. For the loop's divergence guard a
 * session builds a {@link NonFiniteCheck} with its graph, fetches it with each step and reports it
 * in the {@link StepResult}, and answers {@link #firstNonFiniteVariable} from it.
 */
public interface TrainingSession extends AutoCloseable {

  /** A fresh start: the method's initial masks (or those the driver loads), initial parameters. */
  void initialiseFresh() throws IOException;

  /** Resumes from a checkpoint prefix: every variable the checkpoint holds. */
  void restore(Path checkpoint) throws IOException;

  /** Called once initialised or restored, before the global step is read: open summaries, start input. */
  default void started() throws IOException {}

  /** The global step the session stands at. */
  long globalStep();

  /** One training step, also writing the training summaries if {@code summarise}. */
  StepResult step(boolean summarise);

  /** Called after the last step, before the final checkpoint: write what is pending (summaries). */
  default void finished() {}

  /**
   * The first variable that holds NaN or infinity now, checked before every save (exactly, every
   * floating-point variable: see {@link NonFiniteCheck#firstNonFiniteVariable}); empty if all are finite.
   */
  default Optional<String> firstNonFiniteVariable() {
    return Optional.empty();
  }

  /** Saves a checkpoint of the session at {@code step}; returns its prefix. */
  Path save(CheckpointManager checkpoints, long step) throws IOException;

  @Override
  void close();
}
