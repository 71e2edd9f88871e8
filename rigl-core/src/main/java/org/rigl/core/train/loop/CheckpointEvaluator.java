package org.rigl.core.train.loop;

import java.io.IOException;
import java.nio.file.Path;

/** Evaluates one checkpoint (in a graph of its own) and reports it. */
@FunctionalInterface
public interface CheckpointEvaluator<E> {
  E evaluate(Path checkpoint) throws IOException;
}
