package org.rigl.imagenet.convert;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs shard-writing tasks on a fixed number of threads (each task writes whole shards, as each of
 * {@code build_imagenet_data.py}'s threads does), calling a progress callback a few times a second.
 * The first failure stops the others and is rethrown as it was, so its one-line message reaches the
 * user; the pool is drained before returning so no task still writes when the caller cleans up.
 */
final class ShardPool {
  /** Writes one or more shards. */
  interface Task {
    void run() throws IOException;
  }

  private static final long PROGRESS_INTERVAL_MS = 250;

  private ShardPool() {}

  static void runAll(List<Task> tasks, int threads, Runnable progress) throws IOException {
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(threads, tasks.size())),
            runnable -> {
              Thread thread = new Thread(runnable, "convert-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    CompletionService<Void> completion = new ExecutorCompletionService<>(executor);
    try {
      for (Task task : tasks) {
        completion.submit(
            () -> {
              task.run();
              return null;
            });
      }
      for (int finished = 0; finished < tasks.size(); ) {
        Future<Void> done = completion.poll(PROGRESS_INTERVAL_MS, TimeUnit.MILLISECONDS);
        if (done != null) {
          done.get();
          finished++;
        }
        progress.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("conversion interrupted");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } finally {
      executor.shutdownNow();
      awaitQuietly(executor);
    }
  }

  private static IOException rethrow(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }

  private static void awaitQuietly(ExecutorService executor) {
    try {
      // Interrupted writers stop at their next image; reads and writes are interruptible.
      executor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
