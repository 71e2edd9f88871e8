package org.rigl.core.io;

import java.nio.file.Path;

/** Whole-file compression of a TFRecord file, as TensorFlow's {@code compression_type}. */
public enum TfRecordCompression {
  /** Plain framed records ({@code compression_type=""}). */
  NONE,
  /** The whole framed stream inside one GZIP stream ({@code compression_type="GZIP"}). */
  GZIP;

  /**
   * Guesses from the file name: {@code .gz} means GZIP. TensorFlow never guesses (the caller names
   * the type), so use this only for files whose naming convention you control.
   */
  public static TfRecordCompression fromFileName(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().endsWith(".gz") ? GZIP : NONE;
  }
}
