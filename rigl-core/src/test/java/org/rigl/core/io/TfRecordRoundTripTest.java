package org.rigl.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Tag("fast")
class TfRecordRoundTripTest {
  @TempDir Path dir;

  private static List<byte[]> sampleRecords() {
    Random random = new Random(42);
    List<byte[]> records = new ArrayList<>();
    for (int size : new int[] {0, 1, 12, 1000, 70_000, 3}) {
      byte[] record = new byte[size];
      random.nextBytes(record);
      records.add(record);
    }
    return records;
  }

  @ParameterizedTest
  @EnumSource(TfRecordCompression.class)
  void writtenRecordsReadBackInOrder(TfRecordCompression compression) throws IOException {
    Path file = dir.resolve("records.tfrecord");
    List<byte[]> records = sampleRecords();
    TfRecordWriter.writeAll(file, compression, records);

    List<byte[]> read = TfRecordReader.readAll(file, compression);
    assertEquals(records.size(), read.size());
    for (int i = 0; i < records.size(); i++) {
      assertArrayEquals(records.get(i), read.get(i), "record " + i);
    }
  }

  @Test
  void plainFileHasTensorFlowsExactFraming() throws IOException {
    Path file = dir.resolve("abc.tfrecord");
    byte[] data = "abc".getBytes(StandardCharsets.US_ASCII);
    TfRecordWriter.writeAll(file, TfRecordCompression.NONE, List.of(data));

    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(8 + 4 + 3 + 4, bytes.capacity());
    assertEquals(3L, bytes.getLong(0));
    byte[] lengthBytes = {3, 0, 0, 0, 0, 0, 0, 0};
    assertEquals(MaskedCrc32c.masked(lengthBytes), bytes.getInt(8));
    assertEquals('a', bytes.get(12));
    assertEquals('c', bytes.get(14));
    assertEquals(MaskedCrc32c.masked(data), bytes.getInt(15));
  }

  @Test
  void gzipFileIsAGzipStream() throws IOException {
    Path file = dir.resolve("records.gz");
    TfRecordWriter.writeAll(file, TfRecordCompression.GZIP, sampleRecords());
    byte[] head = Files.readAllBytes(file);
    assertEquals(0x1f, head[0] & 0xff);
    assertEquals(0x8b, head[1] & 0xff);
  }

  @Test
  void targetAppearsOnlyOnCloseAndNoTemporaryFileRemains() throws IOException {
    Path file = dir.resolve("out/atomic.tfrecord");
    try (TfRecordWriter writer = TfRecordWriter.create(file)) {
      writer.write(new byte[] {1, 2, 3});
      assertFalse(Files.exists(file), "target must not exist before close");
      assertEquals(1, writer.recordCount());
    }
    assertTrue(Files.exists(file));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(List.of(file.toAbsolutePath()), files.map(Path::toAbsolutePath).toList());
    }
  }

  @Test
  void closeReplacesAnExistingFile() throws IOException {
    Path file = dir.resolve("replace.tfrecord");
    Files.writeString(file, "old contents");
    TfRecordWriter.writeAll(file, TfRecordCompression.NONE, List.of(new byte[] {7}));
    assertArrayEquals(new byte[] {7}, TfRecordReader.readAll(file, TfRecordCompression.NONE).get(0));
  }

  @Test
  void abortLeavesNothingBehind() throws IOException {
    Path file = dir.resolve("aborted.tfrecord");
    Files.writeString(file, "previous");
    try (TfRecordWriter writer = TfRecordWriter.create(file, TfRecordCompression.GZIP)) {
      writer.write(new byte[100]);
      writer.abort();
    }
    assertEquals("previous", Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "temporary file must be deleted");
    }
  }

  @Test
  void writingAfterCloseFails() throws IOException {
    Path file = dir.resolve("closed.tfrecord");
    TfRecordWriter writer = TfRecordWriter.create(file);
    writer.close();
    IOException e = assertThrows(IOException.class, () -> writer.write(new byte[1]));
    assertTrue(e.getMessage().contains("closed.tfrecord"), e.getMessage());
  }

  @Test
  void readerReturnsNullAtTheEndAndCountsRecords() throws IOException {
    Path file = dir.resolve("two.tfrecord");
    TfRecordWriter.writeAll(file, TfRecordCompression.NONE, List.of(new byte[] {1}, new byte[] {2}));
    try (TfRecordReader reader = TfRecordReader.open(file)) {
      assertArrayEquals(new byte[] {1}, reader.readRecord());
      assertArrayEquals(new byte[] {2}, reader.readRecord());
      assertNull(reader.readRecord());
      assertEquals(2, reader.recordsRead());
    }
  }

  @Test
  void emptyFileHasNoRecords() throws IOException {
    Path file = dir.resolve("empty.tfrecord");
    TfRecordWriter.writeAll(file, TfRecordCompression.NONE, List.of());
    assertEquals(0, Files.size(file));
    assertEquals(0, TfRecordReader.readAll(file, TfRecordCompression.NONE).size());
  }

  @Test
  void streamAndIteratorSeeEveryRecord() throws IOException {
    Path file = dir.resolve("stream.tfrecord");
    TfRecordWriter.writeAll(file, TfRecordCompression.GZIP, sampleRecords());
    try (Stream<byte[]> records = TfRecordReader.open(file, TfRecordCompression.GZIP).stream()) {
      assertEquals(1 + 12 + 1000 + 70_000 + 3, records.mapToInt(r -> r.length).sum());
    }
    int count = 0;
    try (TfRecordReader reader = TfRecordReader.open(file, TfRecordCompression.GZIP)) {
      for (byte[] ignored : reader) {
        count++;
      }
    }
    assertEquals(6, count);
  }

  @Test
  void compressionGuessedFromTheFileName() {
    assertEquals(TfRecordCompression.GZIP, TfRecordCompression.fromFileName(Path.of("a/b.tfrecord.gz")));
    assertEquals(TfRecordCompression.NONE, TfRecordCompression.fromFileName(Path.of("train-00000-of-00008")));
  }
}
