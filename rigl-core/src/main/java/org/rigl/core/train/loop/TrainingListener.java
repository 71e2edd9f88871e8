package org.rigl.core.train.loop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A driver's own output around {@link TrainingLoop}: console lines, logs, records, curves. Each
 * method is called at its point of every training run (a train-and-eval driver has one run per
 * evaluation); {@link #close} comes last, also when the run fails.
 *
 * @param <S> the driver's session
 * @param <R> what the driver's evaluation of the live session returns
 */
public interface TrainingListener<S extends TrainingSession, R> extends AutoCloseable {

  /** The session is ready at {@code step}, restored from {@code resumedFrom} or started fresh. */
  default void started(S session, long step, Optional<Path> resumedFrom) throws IOException {}

  /** Before the step that starts at global step {@code step}. */
  default void beforeStep(S session, long step) throws IOException {}

  /** After a step, before the progress line shows it. */
  default void afterStep(S session, StepResult result) throws IOException {}

  /** After an evaluation of the live session at {@code step}. */
  default void evaluated(S session, long step, R result) throws IOException {}

  /** After the last step, its checkpoint and evaluation. */
  default void finished(S session, long step) throws IOException {}

  @Override
  default void close() throws IOException {}
}
