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

  @Test
  void aCountLargerThanTheFileIsATruncationNotAnAllocation() throws IOException {
    byte[] bytes = images(2);
    java.nio.ByteBuffer.wrap(bytes).putInt(4, 0x7fffffff);
    writeIdx(dir.resolve("train-images-idx3-ubyte"), bytes, false);
    IOException e = assertThrows(IOException.class, () -> IdxDataset.readImages(dir.resolve("train-images-idx3-ubyte")));
    assertEquals(dir.resolve("train-images-idx3-ubyte")
        + ": truncated IDX file (the header says 2147483647 images, it ends in image 2)", e.getMessage());
    byte[] labels = labels(1, 2);
    java.nio.ByteBuffer.wrap(labels).putInt(4, 0x7fffffff);
    writeIdx(dir.resolve("l.gz"), labels, true);
    IOException l = assertThrows(IOException.class, () -> IdxDataset.readLabels(dir.resolve("l.gz")));
    assertEquals(dir.resolve("l.gz") + ": truncated IDX file (the header says 2147483647 labels, it has 2)", l.getMessage());
    java.nio.ByteBuffer.wrap(bytes).putInt(8, 1 << 16);
    writeIdx(dir.resolve("wide"), bytes, false);
    IOException wide = assertThrows(IOException.class, () -> IdxDataset.readImages(dir.resolve("wide")));
    assertEquals(dir.resolve("wide") + ": bad IDX image header (2147483647 images of 65536x28 pixels)", wide.getMessage());
  }

  @Test
  void aLabelOutsideTheTenClassesNamesTheFileAndIndex() throws IOException {
    writeIdx(dir.resolve("train-images-idx3-ubyte"), images(3), false);
    writeIdx(dir.resolve("train-labels-idx1-ubyte"), labels(7, 10, 9), false);
    IOException e = assertThrows(IOException.class, () -> IdxDataset.read(dir, "train"));
    assertEquals(dir.resolve("train-labels-idx1-ubyte") + ": label 1 is 10, outside [0, 10)", e.getMessage());
  }

  @Test
  void noImagesIsAnError() throws IOException {
    writeIdx(dir.resolve("train-images-idx3-ubyte"), images(0), false);
    writeIdx(dir.resolve("train-labels-idx1-ubyte"), labels(), false);
    IOException e = assertThrows(IOException.class, () -> IdxDataset.read(dir, "train"));
    assertEquals(dir.resolve("train-images-idx3-ubyte") + ": holds no images", e.getMessage());
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
