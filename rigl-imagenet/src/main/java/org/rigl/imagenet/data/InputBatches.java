package org.rigl.imagenet.data;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What an input pipeline gives a training or evaluation graph: the next batch's {@code images}
 * {@code [B, H, W, 3]} (float32, already normalised) and {@code labels} {@code [B]} (int32 in
 * {@code [0, classes)}), read together by one session run.
 *
 * <p>Run {@link #initializer()} once before the first batch; running it again restarts the data
 * from its first element (an evaluation pass). A finite (evaluation) pipeline raises TensorFlow's
 * out-of-range error after its last full batch.
 */
public final class InputBatches {
  /** Turns a failure of a session run that read the input into a one-line {@link BadInputException}. */
  @FunctionalInterface
  public interface FailureExplainer {
    RuntimeException explain(RuntimeException failure);
  }

  private final Operand<TFloat32> images;
  private final Operand<TInt32> labels;
  private final Op initializer;
  private final FailureExplainer explainer;
  private final SkippedRecords skipped;

  public InputBatches(
      Operand<TFloat32> images,
      Operand<TInt32> labels,
      Op initializer,
      FailureExplainer explainer,
      SkippedRecords skipped) {
    this.images = images;
    this.labels = labels;
    this.initializer = initializer;
    this.explainer = explainer;
    this.skipped = skipped;
  }

  public Operand<TFloat32> images() {
    return images;
  }

  public Operand<TInt32> labels() {
    return labels;
  }

  public Op initializer() {
    return initializer;
  }

  /**
   * For a failure of a session run that fetched {@link #images()} or {@link #labels()}: a
   * {@link BadInputException} naming the bad file and record when the input caused it, otherwise
   * {@code failure} itself. Drivers catch TensorFlow exceptions around their step and rethrow this.
   */
  public RuntimeException explain(RuntimeException failure) {
    return explainer.explain(failure);
  }

  /** Records left out by {@code --skip_bad_records} (none without it). */
  public SkippedRecords skipped() {
    return skipped;
  }
}
