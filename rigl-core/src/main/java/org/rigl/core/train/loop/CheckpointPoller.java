package org.rigl.core.train.loop;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;
import org.rigl.core.checkpoint.CheckpointManager;

/**
 * {@code eval} mode: evaluates each new latest checkpoint of the output folder until one has reached
 * the last training step (TF1's {@code checkpoints_iterator}), optionally giving up after a while
 * without a new checkpoint.
 */
public final class CheckpointPoller {
  private final Path directory;
  private final CheckpointManager checkpoints;
  private final long pollMillis;
  private final OptionalLong waitSeconds;
  private final PrintStream log;

  /** Watches {@code directory}; {@code waitSeconds} empty waits for ever; {@code log} hears when it gives up. */
  public CheckpointPoller(Path directory, long pollMillis, OptionalLong waitSeconds, PrintStream log) {
    this.directory = directory;
    this.checkpoints = new CheckpointManager(directory, 0);
    this.pollMillis = pollMillis;
    this.waitSeconds = waitSeconds;
    this.log = log;
  }

  /** Evaluates new checkpoints until one reaches {@code lastStep}; returns the last evaluation. */
  public <E> E evaluateUntil(long lastStep, CheckpointEvaluator<E> evaluator, ToLongFunction<E> globalStep)
      throws IOException {
    Path seen = null;
    E result = null;
    long deadline = deadline();
    while (true) {
      Optional<Path> latest = checkpoints.latest();
      if (latest.isPresent() && !latest.get().equals(seen)) {
        seen = latest.get();
        result = evaluator.evaluate(seen);
        if (globalStep.applyAsLong(result) >= lastStep) {
          return result;
        }
        deadline = deadline();
        continue;
      }
      if (waitSeconds.isPresent() && System.nanoTime() > deadline) {
        if (result == null) {
          throw new IllegalArgumentException(
              "no checkpoint appeared in " + directory + " within " + waitSeconds.getAsLong() + " s");
        }
        log.printf("eval: no new checkpoint within %d s, stopping at step %d%n", waitSeconds.getAsLong(),
            globalStep.applyAsLong(result));
        return result;
      }
      sleep();
    }
  }

  private long deadline() {
    return System.nanoTime() + waitSeconds.orElse(0) * 1_000_000_000L;
  }

  private void sleep() {
    try {
      Thread.sleep(pollMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a checkpoint");
    }
  }
}
