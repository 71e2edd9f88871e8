package org.rigl.imagenet.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rigl.core.io.CorruptRecordException;
import org.rigl.core.io.TfRecordReader;

/**
 * Reads TFRecord shards in Java and reports their bad records: damaged frames (checksums, as
 * TensorFlow's reader) and records that fail a {@link RecordCheck}.
 */
public final class ShardScan {
  /** Receives every good record of a file in order (for writing a cleaned copy). */
  @FunctionalInterface
  public interface GoodRecordSink {
    void accept(byte[] record) throws IOException;
  }

  private ShardScan() {}

  /** The first bad record of {@code files} (in order), if any. */
  public static Optional<RecordProblem> firstProblem(List<Path> files, RecordCheck check) {
    for (Path file : files) {
      List<RecordProblem> problems = new ArrayList<>();
      scanFile(file, check, record -> {}, problems, true);
      if (!problems.isEmpty()) {
        return Optional.of(problems.get(0));
      }
    }
    return Optional.empty();
  }

  /**
   * Every bad record of {@code file}, passing the good ones to {@code sink}; reading stops at a
   * damaged frame.
   */
  public static List<RecordProblem> scanFile(Path file, RecordCheck check, GoodRecordSink sink) {
    List<RecordProblem> problems = new ArrayList<>();
    scanFile(file, check, sink, problems, false);
    return problems;
  }

  private static void scanFile(
      Path file, RecordCheck check, GoodRecordSink sink, List<RecordProblem> problems, boolean stopAtFirst) {
    try (TfRecordReader reader = TfRecordReader.open(file)) {
      while (true) {
        long index = reader.recordsRead();
        byte[] record;
        try {
          record = reader.readRecord();
        } catch (CorruptRecordException e) {
          problems.add(new RecordProblem(file, e.recordIndex(), corruptReason(e), true));
          return;
        }
        if (record == null) {
          return;
        }
        Optional<String> problem = check.problem(record);
        if (problem.isPresent()) {
          problems.add(new RecordProblem(file, index, problem.get(), false));
          if (stopAtFirst) {
            return;
          }
        } else {
          sink.accept(record);
        }
      }
    } catch (CorruptRecordException e) {
      problems.add(new RecordProblem(file, e.recordIndex(), corruptReason(e), true));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The reader's message without its leading "Corrupt TFRecord file F: record N" part. */
  private static String corruptReason(CorruptRecordException e) {
    return "corrupt record at byte offset " + e.byteOffset() + " (" + lastPart(e.getMessage()) + ")";
  }

  private static String lastPart(String message) {
    int colon = message.lastIndexOf(": ");
    return colon < 0 ? message : message.substring(colon + 2);
  }
}
