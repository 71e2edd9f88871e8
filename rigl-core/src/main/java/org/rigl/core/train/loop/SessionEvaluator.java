package org.rigl.core.train.loop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Evaluates a live session's current weights; {@code checkpoint} is the checkpoint of this very step, if one was saved. */
@FunctionalInterface
public interface SessionEvaluator<S extends TrainingSession, R> {
  R evaluate(S session, long step, Optional<Path> checkpoint) throws IOException;
}
