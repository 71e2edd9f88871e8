package org.rigl.imagenet.data;

import org.tensorflow.Result;
import org.tensorflow.Session;

/** Images per second an input pipeline delivers on its own (fetching images and labels, no model). */
public final class InputThroughput {
  private InputThroughput() {}

  /** Runs {@code warmup} batches untimed, then times {@code batches} batches of {@code batchSize}. */
  public static double imagesPerSecond(Session session, InputBatches input, int batchSize, int warmup, int batches) {
    session.run(input.initializer());
    for (int i = 0; i < warmup; i++) {
      fetch(session, input);
    }
    long start = System.nanoTime();
    for (int i = 0; i < batches; i++) {
      fetch(session, input);
    }
    return batches * (double) batchSize / ((System.nanoTime() - start) / 1e9);
  }

  private static void fetch(Session session, InputBatches input) {
    try (Result result = session.runner().fetch(input.images()).fetch(input.labels()).run()) {
      result.get(0);
    }
  }
}
