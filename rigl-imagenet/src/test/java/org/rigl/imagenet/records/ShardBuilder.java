package org.rigl.imagenet.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rigl.core.io.Examples;
import org.rigl.core.io.TfRecordCompression;
import org.rigl.core.io.TfRecordReader;
import org.rigl.core.io.TfRecordWriter;
import org.rigl.imagenet.TestData;

/** Writes small ImageNet-schema shards for bad-input tests, from the fixture's real JPEGs. */
final class ShardBuilder {
  private ShardBuilder() {}

  /** The first {@code count} records of fixture shard {@code shard}. */
  static List<byte[]> fixtureRecords(int shard, int count) {
    try {
      Path file = TestData.fakeImageNet().resolve(String.format("train-%05d-of-00008", shard));
      return new ArrayList<>(TfRecordReader.readAll(file, TfRecordCompression.NONE).subList(0, count));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] example(byte[] jpeg, long label) {
    return Examples.builder().putBytes("image/encoded", jpeg).putInt64("image/class/label", label).toByteArray();
  }

  static byte[] jpegOf(byte[] record) {
    return Examples.bytes(Examples.parse(record), "image/encoded");
  }

  static Path write(Path file, List<byte[]> records) {
    try {
      TfRecordWriter.writeAll(file, TfRecordCompression.NONE, records);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flips one byte inside the data of record {@code index}, so its data checksum fails. */
  static void corruptRecordData(Path file, int index) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      long offset = 0;
      for (int i = 0; i < index; i++) {
        offset += 12 + length(bytes, offset) + 4;
      }
      bytes[(int) offset + 12 + 10] ^= (byte) 0xff;
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Byte offset of record {@code index}. */
  static long offsetOf(Path file, int index) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    long offset = 0;
    for (int i = 0; i < index; i++) {
      offset += 12 + length(bytes, offset) + 4;
    }
    return offset;
  }

  private static long length(byte[] bytes, long offset) {
    return java.nio.ByteBuffer.wrap(bytes, (int) offset, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
  }
}
