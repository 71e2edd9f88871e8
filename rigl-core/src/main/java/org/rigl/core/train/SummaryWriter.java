package org.rigl.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * TensorBoard event files ({@code events.out.tfevents.*}) written by TF's own summary kernels, so
 * TensorBoard reads them as it reads the reference's. Scalars and histograms are registered while
 * the graph is built; {@link #writeOp} writes them all at the step it is run.
 */
public final class SummaryWriter {
  private final Ops tf;
  private final Operand<?> writer;
  private final Op create;
  private final Operand<TInt64> step;
  private final List<Op> writes = new ArrayList<>();
  private Op writeAll;

  /** A writer into {@code logdir}, stepping with {@code step} (usually the global step). */
  public SummaryWriter(Ops tf, Path logdir, Operand<TInt64> step) {
    this.tf = tf;
    this.step = step;
    this.writer = tf.summary.summaryWriter(org.tensorflow.op.summary.SummaryWriter.sharedName("summary_writer_" + System.identityHashCode(this)));
    this.create =
        tf.summary.createSummaryFileWriter(
            writer, tf.constant(logdir.toString()), tf.constant(10), tf.constant(2000), tf.constant(".v2"));
  }

  /** Adds a scalar written at every {@link #writeOp} run. */
  public SummaryWriter scalar(String tag, Operand<? extends TNumber> value) {
    writes.add(tf.summary.writeScalarSummary(writer, step, tf.constant(tag), value));
    return this;
  }

  /** A separate op writing one scalar, for values logged on their own cadence (e.g. evaluations). */
  public Op scalarOp(String tag, Operand<? extends TNumber> value) {
    return scalarOp(tag, value, step);
  }

  /** As {@link #scalarOp(String, Operand)}, at {@code atStep} rather than the writer's step. */
  public Op scalarOp(String tag, Operand<? extends TNumber> value, Operand<TInt64> atStep) {
    return tf.summary.writeScalarSummary(writer, atStep, tf.constant(tag), value);
  }

  /** Adds a histogram of a float tensor. */
  public SummaryWriter histogram(String tag, Operand<TFloat32> values) {
    writes.add(tf.summary.writeHistogramSummary(writer, step, tf.constant(tag), values));
    return this;
  }

  /** Adds an image ([1, H, W, 1] floats in [0, 1]); TensorBoard's image dashboard shows it. */
  public SummaryWriter image(String tag, Operand<TFloat32> image) {
    Operand<org.tensorflow.types.TUint8> badColor =
        tf.dtypes.cast(tf.constant(new int[] {255, 0, 0, 255}), org.tensorflow.types.TUint8.class);
    writes.add(tf.summary.writeImageSummary(writer, step, tf.constant(tag), image, badColor));
    return this;
  }

  /** Opens the event file; run once before the first write. */
  public void open(Session session) {
    session.run(create);
  }

  /** One op writing every registered summary. */
  public Op writeOp() {
    if (writeAll == null) {
      writeAll = tf.withControlDependencies(writes).noOp();
    }
    return writeAll;
  }

  /** Flushes pending events to disk. */
  public void flush(Session session) {
    session.run(tf.summary.flushSummaryWriter(writer));
  }
}
