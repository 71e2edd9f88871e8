package org.rigl.imagenet.train;

import java.nio.file.Path;
import java.util.Map;
import org.rigl.core.train.SummaryWriter;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * The Estimator's {@code _write_dict_to_summary}: one evaluation's metrics as float32 scalars,
 * tagged by metric name, at the evaluated checkpoint's global step, in their own event file of
 * {@code dir}.
 */
final class EvalSummaries {
  private EvalSummaries() {}

  static void write(Path dir, long globalStep, Map<String, Double> metrics) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      SummaryWriter writer = new SummaryWriter(tf, dir, tf.constant(globalStep));
      metrics.forEach((tag, value) -> writer.scalar(tag, tf.constant(value.floatValue())));
      writer.open(session);
      session.run(writer.writeOp());
      writer.flush(session);
    }
  }
}
