package org.rigl.lm.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rigl.core.io.Examples;
import org.rigl.core.io.StagedOutputDirectory;
import org.rigl.core.io.TfRecordWriter;
import org.rigl.core.train.ProgressLine;

/**
 * Converts WikiText's raw files ({@code wiki.train.raw}, {@code wiki.valid.raw}, {@code
 * wiki.test.raw}) to TFRecords {@code wiki.train.tfrecord} etc. Each record is a {@code tf.Example}
 * with one feature, {@code bytes}: the next {@code seqLen} bytes of the file as they are (UTF-8, so
 * a record may end inside a multi-byte character), the last record shorter. Concatenating the
 * records in order gives the file back byte for byte; a reader tokenizes and batches from there.
 */
public final class WikiTextConverter {
  public static final int DEFAULT_SEQ_LEN = 10_000;
  public static final String FEATURE = "bytes";
  static final List<String> RAW_FILES = Arrays.stream(WikiTextSplit.values()).map(WikiTextSplit::fileName).toList();

  private WikiTextConverter() {}

  /** Converts the three splits; returns the records written per output file name, in split order. */
  public static Map<String, Long> convert(Path inputDirectory, Path outputDirectory, int seqLen, PrintStream out)
      throws IOException {
    if (seqLen <= 0) {
      throw new IllegalArgumentException("--seq_len must be positive, got " + seqLen);
    }
    if (!Files.isDirectory(inputDirectory)) {
      throw new IllegalArgumentException(
          "--input_dir " + inputDirectory + (Files.exists(inputDirectory) ? " is not a directory" : " does not exist"));
    }
    if (Files.exists(outputDirectory) && !Files.isDirectory(outputDirectory)) {
      throw new IllegalArgumentException("--output_dir " + outputDirectory + " is a file, not a directory");
    }
    long totalRecords = 0;
    for (String name : RAW_FILES) {
      Path file = inputDirectory.resolve(name);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "missing WikiText file " + file + " (expected " + String.join(", ", RAW_FILES) + ")");
      }
      totalRecords += (Files.size(file) + seqLen - 1) / seqLen;
    }
    ProgressLine progress = new ProgressLine(out, "convert wikitext:", Math.max(totalRecords, 1));
    Map<String, Long> written = new LinkedHashMap<>();
    try (StagedOutputDirectory staged = StagedOutputDirectory.in(outputDirectory)) {
      long done = 0;
      for (String name : RAW_FILES) {
        String target = tfRecordName(name);
        long records = write(inputDirectory.resolve(name), staged.file(target), seqLen, progress, done);
        written.put(target, records);
        done += records;
      }
      staged.commit();
    }
    written.forEach((name, records) -> out.printf("wrote %s (%d records of up to %d bytes)%n", name, records, seqLen));
    return written;
  }

  /** {@code wiki.train.raw} to {@code wiki.train.tfrecord}. */
  static String tfRecordName(String rawName) {
    return rawName.substring(0, rawName.length() - ".raw".length()) + ".tfrecord";
  }

  private static long write(Path source, Path target, int seqLen, ProgressLine progress, long doneBefore)
      throws IOException {
    try (TfRecordWriter writer = TfRecordWriter.create(target);
        InputStream in = new BufferedInputStream(Files.newInputStream(source), 1 << 16)) {
      try {
        for (byte[] chunk = in.readNBytes(seqLen); chunk.length > 0; chunk = in.readNBytes(seqLen)) {
          writer.write(Examples.builder().putBytes(FEATURE, chunk).toByteArray());
          progress.update(doneBefore + writer.recordCount(), "MB", seqLen / 1e6, "");
        }
      } catch (IOException | RuntimeException e) {
        writer.abort();
        throw e;
      }
      return writer.recordCount();
    }
  }
}
