package org.rigl.imagenet.mnist;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An MNIST-family data set (MNIST, Fashion-MNIST) read from IDX files, gzip-compressed or not:
 * images flattened to 784 floats in [0, 1] as the reference's {@code input_data.read_data_sets}.
 */
public record IdxDataset(float[][] images, int[] labels) {
  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;

  public int size() {
    return labels.length;
  }

  /** Values per image: 784 as read, fewer once an {@link InputMask} has dropped pixels. */
  public int pixels() {
    return images.length == 0 ? 0 : images[0].length;
  }

  /** The first {@code n} examples (all if there are fewer). */
  public IdxDataset head(int n) {
    if (n >= size()) {
      return this;
    }
    return new IdxDataset(java.util.Arrays.copyOf(images, n), java.util.Arrays.copyOf(labels, n));
  }

  /** Reads {@code <prefix>-images-idx3-ubyte[.gz]} and {@code <prefix>-labels-idx1-ubyte[.gz]}. */
  public static IdxDataset read(Path directory, String prefix) throws IOException {
    Path images = find(directory, prefix + "-images-idx3-ubyte");
    Path labels = find(directory, prefix + "-labels-idx1-ubyte");
    float[][] x = readImages(images);
    int[] y = readLabels(labels);
    if (x.length != y.length) {
      throw new IOException(images + " has " + x.length + " images but " + labels + " has " + y.length + " labels");
    }
    return new IdxDataset(x, y);
  }

  private static Path find(Path directory, String base) throws IOException {
    for (String suffix : new String[] {".gz", ""}) {
      Path p = directory.resolve(base + suffix);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IOException("missing data file " + directory.resolve(base + ".gz") + " (or without .gz)");
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    if (file.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new DataInputStream(in);
  }

  static float[][] readImages(Path file) throws IOException {
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      if (magic != IMAGES_MAGIC) {
        throw new IOException(file + ": not an IDX image file (magic " + Integer.toHexString(magic) + ")");
      }
      int count = in.readInt();
      int pixels = in.readInt() * in.readInt();
      byte[] row = new byte[pixels];
      float[][] images = new float[count][pixels];
      for (int i = 0; i < count; i++) {
        in.readFully(row);
        for (int j = 0; j < pixels; j++) {
          images[i][j] = (row[j] & 0xff) / 255f;
        }
      }
      return images;
    } catch (EOFException e) {
      throw new IOException(file + ": truncated IDX file");
    }
  }

  static int[] readLabels(Path file) throws IOException {
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      if (magic != LABELS_MAGIC) {
        throw new IOException(file + ": not an IDX label file (magic " + Integer.toHexString(magic) + ")");
      }
      int count = in.readInt();
      byte[] raw = new byte[count];
      in.readFully(raw);
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = raw[i] & 0xff;
      }
      return labels;
    } catch (EOFException e) {
      throw new IOException(file + ": truncated IDX file");
    }
  }
}
