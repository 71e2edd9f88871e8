package org.rigl.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A TFRecord file is damaged: a checksum does not match, the file ends inside a record, or its
 * compressed stream is broken. The one-line message names the file, the zero-based record index and
 * the byte offset where that record starts (in the uncompressed stream for GZIP files).
 */
public final class CorruptRecordException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long recordIndex;
  private final long byteOffset;

  CorruptRecordException(
      Path file, long recordIndex, long byteOffset, String problem, Throwable cause) {
    super(
        "Corrupt TFRecord file "
            + file
            + ": record "
            + recordIndex
            + " at byte offset "
            + byteOffset
            + ": "
            + problem,
        cause);
    this.file = file;
    this.recordIndex = recordIndex;
    this.byteOffset = byteOffset;
  }

  public Path file() {
    return file;
  }

  /** Zero-based index of the record that could not be read. */
  public long recordIndex() {
    return recordIndex;
  }

  /** Offset of that record's header; for GZIP files an offset in the uncompressed stream. */
  public long byteOffset() {
    return byteOffset;
  }
}
