package org.rigl.core.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.io.TensorEntry;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A graph whose saved state tells which save wrote it: every weight equals {@code step}, so a
 * checkpoint whose index and data came from different saves, or a torn file, is caught.
 */
final class StepModel implements AutoCloseable {
  final Graph graph = new Graph();
  final Ops tf = Ops.create(graph);
  final Session session = new Session(graph);
  final CheckpointSaver saver;
  private final Placeholder<TInt64> stepValue = tf.placeholder(TInt64.class);
  private final Variable<TFloat32> weights;
  private final Variable<TInt64> step;
  private final org.tensorflow.op.Op assign;

  StepModel(int weightCount) {
    weights = tf.withName("w").variable(Shape.of(weightCount), TFloat32.class);
    step = tf.withName("global_step").variable(Shape.scalar(), TInt64.class);
    var asFloat = tf.dtypes.cast(stepValue, TFloat32.class);
    assign =
        tf.withControlDependencies(
                List.of(
                    tf.assign(weights, tf.fill(tf.constant(new int[] {weightCount}), asFloat)),
                    tf.assign(step, stepValue)))
            .noOp();
    saver = new CheckpointSaver(tf, List.of(weights, step));
  }

  /** Sets every variable to {@code value}. */
  StepModel at(long value) {
    try (TInt64 v = TInt64.scalarOf(value)) {
      session.runner().feed(stepValue, v).addTarget(assign).run();
    }
    return this;
  }

  /**
   * The step a checkpoint holds, after checking every tensor's checksum and that all weights agree
   * with it.
   */
  static long verifiedStep(Path prefix) throws IOException {
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      for (TensorEntry entry : reader.index().entries()) {
        reader.readBytes(entry.name());
      }
      long step = reader.readLong("global_step");
      for (float w : reader.readFloats("w")) {
        if (w != step) {
          throw new AssertionError(prefix + ": weight " + w + " in a checkpoint of step " + step);
        }
      }
      return step;
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
