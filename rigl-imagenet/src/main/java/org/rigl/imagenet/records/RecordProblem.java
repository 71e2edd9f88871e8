package org.rigl.imagenet.records;

import java.nio.file.Path;

/**
 * A bad record: its file, zero-based index in the file and what is wrong. {@code endsFile} when
 * the file cannot be read past it (a corrupt frame), as TensorFlow's reader also gives up there.
 */
public record RecordProblem(Path file, long record, String reason, boolean endsFile) {
  /** One line: {@code FILE: record N: REASON}. */
  public String message() {
    return file + ": record " + record + ": " + reason;
  }
}
