package org.rigl.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A tensor-bundle checkpoint file ({@code PREFIX.index} or {@code PREFIX.data-*}) is damaged,
 * truncated, or not a checkpoint at all. The one-line message names the file and, where known, the
 * tensor.
 */
public final class CorruptCheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String tensorName;

  CorruptCheckpointException(Path file, String tensorName, String problem, Throwable cause) {
    super(
        "Corrupt checkpoint file "
            + file
            + (tensorName == null ? "" : ", tensor '" + tensorName + "'")
            + ": "
            + problem,
        cause);
    this.file = file;
    this.tensorName = tensorName;
  }

  CorruptCheckpointException(Path file, String tensorName, String problem) {
    this(file, tensorName, problem, null);
  }

  public Path file() {
    return file;
  }

  /** The tensor being read, or {@code null} when the damage is not tied to one tensor. */
  public String tensorName() {
    return tensorName;
  }
}
