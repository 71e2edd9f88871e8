package org.rigl.imagenet.train;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * {@code train-image}'s training step on its own, for benchmarks: the session {@link ImageClassifierRun}
 * trains (towers, input pipeline, every method's mask updates included), started fresh, stepped
 * without summaries or checkpoints. Nothing is written to the output folder.
 */
public final class ImageTrainingSteps implements AutoCloseable {
  private final ImageClassifierSession session;
  private final int batchSize;

  public ImageTrainingSteps(ImageNetSettings flags) throws IOException {
    ImageNetSetup setup = ImageNetSetup.of(flags);
    ImageNetTask task = new ImageNetTask(setup);
    this.batchSize = task.loop().batchSize();
    this.session = new ImageClassifierSession(task, new PrintStream(OutputStream.nullOutputStream()));
    try {
      session.initialiseFresh();
      session.startInput();
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** Images one step trains on (all towers together). */
  public int batchSize() {
    return batchSize;
  }

  /** Towers the step is split over. */
  public int towers() {
    return session.towers();
  }

  /** One training step (weights, batch-norm statistics, mask update when due); returns its loss. */
  public float step() {
    float loss = session.step(false).loss();
    if (!Float.isFinite(loss)) {
      throw new IllegalStateException("loss became " + loss + " (lower the learning rate?)");
    }
    return loss;
  }

  @Override
  public void close() {
    session.close();
  }
}
