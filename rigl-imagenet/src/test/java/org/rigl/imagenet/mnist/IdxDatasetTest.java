package org.rigl.imagenet.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MNIST-family IDX files, gzip-compressed or not, written here in the format's layout. */
@Tag("fast")
class IdxDatasetTest {
  @TempDir Path dir;

  @Test
  void readsGzippedFilesAsFloatsInZeroOne() throws IOException {
    writeIdx(dir.resolve("train-images-idx3-ubyte.gz"), images(3), true);
    writeIdx(dir.resolve("train-labels-idx1-ubyte.gz"), labels(7, 0, 9), true);
    IdxDataset data = IdxDataset.read(dir, "train");
    assertEquals(3, data.size());
    assertArrayEquals(new int[] {7, 0, 9}, data.labels());
    assertEquals(784, data.images()[0].length);
    assertEquals(255 / 255f, data.images()[1][3]);
    assertEquals((2 * 5 % 256) / 255f, data.images()[2][5]);
  }

  @Test
  void readsUncompressedFiles() throws IOException {
    writeIdx(dir.resolve("t10k-images-idx3-ubyte"), images(2), false);
    writeIdx(dir.resolve("t10k-labels-idx1-ubyte"), labels(1, 2), false);
    IdxDataset data = IdxDataset.read(dir, "t10k");
    assertArrayEquals(new int[] {1, 2}, data.labels());
    assertEquals(1, data.head(1).size());
  }

  @Test
  void badFilesAreNamed() throws IOException {
    IOException missing = assertThrows(IOException.class, () -> IdxDataset.read(dir, "train"));
    assertTrue(missing.getMessage().contains("train-images-idx3-ubyte"), missing.getMessage());
    writeIdx(dir.resolve("train-images-idx3-ubyte"), labels(1), false);
    writeIdx(dir.resolve("train-labels-idx1-ubyte"), labels(1), false);
    IOException wrongMagic = assertThrows(IOException.class, () -> IdxDataset.read(dir, "train"));
    assertTrue(wrongMagic.getMessage().startsWith(dir.resolve("train-images-idx3-ubyte") + ": not an IDX image file"), wrongMagic.getMessage());
  }

  /** IDX3: magic 0x803, count, rows, columns, then pixels; pixel j of image i is i*j mod 256. */
  private static byte[] images(int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x803);
    out.writeInt(count);
    out.writeInt(28);
    out.writeInt(28);
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < 784; j++) {
        out.writeByte(i == 1 && j == 3 ? 255 : i * j % 256);
      }
    }
    return bytes.toByteArray();
  }

  /** IDX1: magic 0x801, count, then one byte per label. */
  private static byte[] labels(int... values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x801);
    out.writeInt(values.length);
    for (int v : values) {
      out.writeByte(v);
    }
    return bytes.toByteArray();
  }

  private static void writeIdx(Path file, byte[] content, boolean gzip) throws IOException {
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(content);
    }
  }
}
