package org.rigl.imagenet.train;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * {@code train-image}'s training step on its own, for benchmarks: the graph {@link ClassifierTrainer}
 * trains (towers, input pipeline, every method's mask updates included), started fresh, stepped
 * without summaries or checkpoints. Nothing is written to the output folder.
 */
public final class ImageTrainingSteps implements AutoCloseable {
  private final TrainGraph graph;
  private final int batchSize;

  public ImageTrainingSteps(ImageNetSettings flags) throws IOException {
    ImageNetSetup setup = ImageNetSetup.of(flags);
    ImageNetTask task = new ImageNetTask(setup);
    this.batchSize = task.loop().batchSize();
    this.graph = new ClassifierTrainer(task, new PrintStream(OutputStream.nullOutputStream())).freshTrainingGraph();
  }

  /** Images one step trains on (all towers together). */
  public int batchSize() {
    return batchSize;
  }

  /** Towers the step is split over. */
  public int towers() {
    return graph.towerDevices.size();
  }

  /** One training step (weights, batch-norm statistics, mask update when due); returns its loss. */
  public float step() {
    var runner = graph.session.runner().fetch(graph.loss);
    graph.targets.forEach(runner::addTarget);
    float loss;
    try (Result r = runner.run()) {
      loss = ((TFloat32) r.get(0)).getFloat();
    } catch (RuntimeException e) {
      throw graph.input.explain(e);
    }
    if (!Float.isFinite(loss)) {
      throw new IllegalStateException("loss became " + loss + " (lower the learning rate?)");
    }
    return loss;
  }

  @Override
  public void close() {
    graph.close();
  }
}
