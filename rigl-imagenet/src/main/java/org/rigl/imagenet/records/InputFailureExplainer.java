package org.rigl.imagenet.records;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.rigl.imagenet.data.BadInputException;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.imagenet.input.LabelCheck;
import org.tensorflow.exceptions.TFOutOfRangeException;

/**
 * Names the bad file and record behind a failed pipeline run. A label outside the classes is named
 * by the pipeline's own assertion. A damaged frame ("corrupted record at OFFSET") or an
 * undecodable JPEG reaches Java without the file, so the shards are scanned in Java for the first
 * bad record (on a large data set this takes a while, but only after a failure).
 */
public final class InputFailureExplainer implements InputBatches.FailureExplainer {
  private final List<Path> files;
  private final Supplier<RecordCheck> checks;
  private final String nextOpName;

  /**
   * @param files the shards the pipeline reads
   * @param checks makes the record checks to scan with (closed after the scan)
   * @param nextOpName the pipeline's {@code IteratorGetNext} op, to tell its failures from others
   */
  public InputFailureExplainer(List<Path> files, Supplier<RecordCheck> checks, String nextOpName) {
    this.files = List.copyOf(files);
    this.checks = checks;
    this.nextOpName = nextOpName;
  }

  /** For inputs whose only in-graph failure is the label check (fixed-size records checked up front). */
  public static InputFailureExplainer labelsOnly(String nextOpName) {
    return new InputFailureExplainer(List.of(), NoRecordCheck::new, nextOpName);
  }

  @Override
  public RuntimeException explain(RuntimeException failure) {
    // TF Java raises some errors as TensorFlowException and others (InvalidArgument) as
    // IllegalArgumentException: the op name in the message is what marks an input failure.
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    if (failure instanceof TFOutOfRangeException || !message.contains(nextOpName)) {
      return failure;
    }
    Optional<String> labelProblem = assertionText(message);
    if (labelProblem.isPresent()) {
      return new BadInputException(labelProblem.get(), failure);
    }
    try (RecordCheck check = checks.get()) {
      Optional<RecordProblem> problem = ShardScan.firstProblem(files, check);
      if (problem.isPresent()) {
        return new BadInputException(problem.get().message(), failure);
      }
    }
    return new BadInputException("input pipeline failed: " + JpegDecodeCheck.firstLine(message), failure);
  }

  /** The label assertion's text, from {@code ... assertion failed: [TEXT] ...}. */
  static Optional<String> assertionText(String message) {
    int start = message.indexOf(LabelCheck.MESSAGE_START);
    if (start < 0) {
      return Optional.empty();
    }
    start += LabelCheck.MESSAGE_START.length();
    int end = message.indexOf('\n', start);
    String text = end < 0 ? message.substring(start) : message.substring(start, end);
    // StringFormat quotes the file name and TensorFlow escapes those quotes in the message.
    return Optional.of(text.replaceFirst("\\]\\s*$", "").replace("\\\"", "").replace("\"", "").strip());
  }
}
