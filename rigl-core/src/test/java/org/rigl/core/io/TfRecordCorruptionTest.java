package org.rigl.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class TfRecordCorruptionTest {
  private static final int RECORD_BYTES = 100;
  private static final int FRAMED_BYTES = 12 + RECORD_BYTES + 4;

  @TempDir Path dir;

  /** Five records of 100 bytes: record i starts at byte i * 116. */
  private Path fiveRecords(String name) throws IOException {
    Path file = dir.resolve(name);
    List<byte[]> records = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] record = new byte[RECORD_BYTES];
      Arrays.fill(record, (byte) i);
      records.add(record);
    }
    TfRecordWriter.writeAll(file, TfRecordCompression.NONE, records);
    return file;
  }

  private static void flipByte(Path file, long position) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) position] ^= 0x40;
    Files.write(file, bytes);
  }

  private static CorruptRecordException readExpectingCorruption(Path file, TfRecordCompression compression) {
    return assertThrows(CorruptRecordException.class, () -> TfRecordReader.readAll(file, compression));
  }

  private static void assertOneLineNaming(CorruptRecordException e, Path file, String... fragments) {
    String message = e.getMessage();
    assertFalse(message.contains("\n"), message);
    assertTrue(message.contains(file.toString()), message);
    for (String fragment : fragments) {
      assertTrue(message.contains(fragment), "'" + fragment + "' missing from: " + message);
    }
  }

  @Test
  void flippedDataByteNamesFileRecordAndOffset() throws IOException {
    Path file = fiveRecords("data.tfrecord");
    flipByte(file, 3L * FRAMED_BYTES + 12 + 50);
    CorruptRecordException e = readExpectingCorruption(file, TfRecordCompression.NONE);
    assertOneLineNaming(e, file, "record 3", "byte offset " + 3 * FRAMED_BYTES, "data checksum");
    assertEquals(3, e.recordIndex());
    assertEquals(3L * FRAMED_BYTES, e.byteOffset());
    assertEquals(file, e.file());
  }

  @Test
  void flippedLengthByteIsCaughtByTheLengthChecksum() throws IOException {
    Path file = fiveRecords("length.tfrecord");
    flipByte(file, 2L * FRAMED_BYTES + 1);
    CorruptRecordException e = readExpectingCorruption(file, TfRecordCompression.NONE);
    assertOneLineNaming(e, file, "record 2", "length checksum");
  }

  @Test
  void flippedDataChecksumByteIsCaught() throws IOException {
    Path file = fiveRecords("footer.tfrecord");
    flipByte(file, 5L * FRAMED_BYTES - 1);
    assertOneLineNaming(readExpectingCorruption(file, TfRecordCompression.NONE), file, "record 4");
  }

  @Test
  void truncatedFileNamesTheUnfinishedRecord() throws IOException {
    Path file = fiveRecords("truncated.tfrecord");
    for (long keep : new long[] {4L * FRAMED_BYTES + 5, 4L * FRAMED_BYTES + 40, 5L * FRAMED_BYTES - 2}) {
      byte[] bytes = Files.readAllBytes(file);
      Path cut = dir.resolve("cut-" + keep);
      Files.write(cut, Arrays.copyOf(bytes, (int) keep));
      CorruptRecordException e = readExpectingCorruption(cut, TfRecordCompression.NONE);
      assertOneLineNaming(e, cut, "record 4", "file ends inside");
    }
  }

  @Test
  void aLengthFieldWithAValidChecksumBeyondTheFileIsCaughtBeforeReading() throws IOException {
    Path file = fiveRecords("huge.tfrecord");
    byte[] bytes = Files.readAllBytes(file);
    java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    header.putLong(3 * FRAMED_BYTES, 1L << 40);
    header.putInt(3 * FRAMED_BYTES + 8, MaskedCrc32c.masked(bytes, 3 * FRAMED_BYTES, 8));
    Files.write(file, bytes);
    CorruptRecordException e = readExpectingCorruption(file, TfRecordCompression.NONE);
    assertOneLineNaming(e, file, "record 3", "its length field says 1099511627776 bytes, " + (2 * FRAMED_BYTES - 16) + " are left");
  }

  @Test
  void everyRecordBeforeTheDamageIsStillReturned() throws IOException {
    Path file = fiveRecords("partial.tfrecord");
    flipByte(file, 2L * FRAMED_BYTES + 12);
    try (TfRecordReader reader = TfRecordReader.open(file)) {
      reader.readRecord();
      reader.readRecord();
      assertThrows(CorruptRecordException.class, reader::readRecord);
      assertEquals(2, reader.recordsRead());
    }
  }

  @Test
  void iteratorWrapsCorruptionInUncheckedIoException() throws IOException {
    Path file = fiveRecords("iter.tfrecord");
    flipByte(file, 12);
    try (TfRecordReader reader = TfRecordReader.open(file)) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> reader.iterator().next());
      assertTrue(e.getCause() instanceof CorruptRecordException);
    }
  }

  @Test
  void corruptedImagenetShardNamesTheDamagedRecord() throws IOException {
    Path original = TestData.path("tfrecords/fake_imagenet/train-00005-of-00008");
    Path copy = dir.resolve(original.getFileName());
    Files.copy(original, copy);
    List<byte[]> records = TfRecordReader.readAll(original, TfRecordCompression.NONE);
    long target = Files.size(copy) / 2;
    long start = 0;
    int damaged = 0;
    while (start + 12 + records.get(damaged).length + 4 <= target) {
      start += 12 + records.get(damaged).length + 4;
      damaged++;
    }
    flipByte(copy, target);
    CorruptRecordException e = readExpectingCorruption(copy, TfRecordCompression.NONE);
    assertOneLineNaming(e, copy, "record " + damaged + " at byte offset " + start);
  }

  @Test
  void truncatedGzipFileNamesTheFile() throws IOException {
    Path original = TestData.path("tfrecords/penguin_train_data_tfrecord-00000-of-00001.gz");
    byte[] bytes = Files.readAllBytes(original);
    Path cut = dir.resolve("penguin-cut.gz");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    CorruptRecordException e = readExpectingCorruption(cut, TfRecordCompression.GZIP);
    assertOneLineNaming(e, cut, "record ");
    assertTrue(e.recordIndex() > 0 && e.recordIndex() < 234, "record " + e.recordIndex());
  }

  @Test
  void damagedGzipStreamIsReportedAsCorrupt() throws IOException {
    Path original = TestData.path("tfrecords/penguin_train_data_tfrecord-00000-of-00001.gz");
    Path copy = dir.resolve("penguin-flipped.gz");
    Files.copy(original, copy);
    flipByte(copy, Files.size(copy) / 2);
    assertOneLineNaming(readExpectingCorruption(copy, TfRecordCompression.GZIP), copy, "record ");
  }

  @Test
  void gzipFileReadAsUncompressedSuggestsGzip() {
    Path file = TestData.path("tfrecords/penguin_train_data_tfrecord-00000-of-00001.gz");
    CorruptRecordException e = readExpectingCorruption(file, TfRecordCompression.NONE);
    assertOneLineNaming(e, file, "record 0", "GZIP");
  }

  @Test
  void plainFileReadAsGzipIsCorrupt() throws IOException {
    Path file = fiveRecords("plain.tfrecord");
    assertOneLineNaming(readExpectingCorruption(file, TfRecordCompression.GZIP), file, "not a GZIP stream");
  }
}
