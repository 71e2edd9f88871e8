package org.rigl.imagenet.mnist;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An MNIST-family data set (MNIST, Fashion-MNIST) read from IDX files, gzip-compressed or not:
 * images flattened to 784 floats in [0, 1] as the reference's {@code input_data.read_data_sets}.
 */
public record IdxDataset(float[][] images, int[] labels) {
  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;
  /** MNIST and Fashion-MNIST both have ten classes. */
  static final int NUM_CLASSES = 10;
  /** Far above MNIST's 28x28: a larger header is damage, not data. */
  private static final int MAX_PIXELS = 1 << 20;

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
    if (x.length == 0) {
      throw new IOException(images + ": holds no images");
    }
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
      try {
        in = new GZIPInputStream(in, 1 << 16);
      } catch (IOException e) {
        in.close();
        throw new IOException(file + ": not a gzip file (" + e.getMessage() + ")", e);
      }
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
      int rows = in.readInt();
      int columns = in.readInt();
      if (count < 0 || rows <= 0 || columns <= 0 || (long) rows * columns > MAX_PIXELS) {
        throw new IOException(file + ": bad IDX image header (" + Integer.toUnsignedString(count) + " images of "
            + Integer.toUnsignedString(rows) + "x" + Integer.toUnsignedString(columns) + " pixels)");
      }
      int pixels = rows * columns;
      // Rows are added as they are read, so a count larger than the file costs no memory.
      List<float[]> images = new ArrayList<>();
      byte[] row = new byte[pixels];
      for (int i = 0; i < count; i++) {
        if (!readFully(in, row)) {
          throw new IOException(file + ": truncated IDX file (the header says " + count + " images, it ends in image " + i + ")");
        }
        float[] image = new float[pixels];
        for (int j = 0; j < pixels; j++) {
          image[j] = (row[j] & 0xff) / 255f;
        }
        images.add(image);
      }
      verifyGzipTrailer(file, in);
      return images.toArray(new float[0][]);
    } catch (EOFException e) {
      throw new IOException(file + ": truncated IDX file");
    } catch (ZipException e) {
      throw new IOException(file + ": broken gzip stream (" + e.getMessage() + ")", e);
    }
  }

  static int[] readLabels(Path file) throws IOException {
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      if (magic != LABELS_MAGIC) {
        throw new IOException(file + ": not an IDX label file (magic " + Integer.toHexString(magic) + ")");
      }
      int count = in.readInt();
      if (count < 0) {
        throw new IOException(file + ": bad IDX label header (" + Integer.toUnsignedString(count) + " labels)");
      }
      byte[] raw = in.readNBytes(count);
      if (raw.length < count) {
        throw new IOException(file + ": truncated IDX file (the header says " + count + " labels, it has " + raw.length + ")");
      }
      verifyGzipTrailer(file, in);
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = raw[i] & 0xff;
        if (labels[i] >= NUM_CLASSES) {
          throw new IOException(file + ": label " + i + " is " + labels[i] + ", outside [0, " + NUM_CLASSES + ")");
        }
      }
      return labels;
    } catch (EOFException e) {
      throw new IOException(file + ": truncated IDX file");
    } catch (ZipException e) {
      throw new IOException(file + ": broken gzip stream (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Reads a gzip stream to its end, where its checksum is checked: stopping after the last image
   * would take damaged compressed data for good pixels.
   */
  private static void verifyGzipTrailer(Path file, InputStream in) throws IOException {
    if (file.toString().endsWith(".gz")) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** Fills {@code buffer}; false if the stream ends first. */
  private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
    return in.readNBytes(buffer, 0, buffer.length) == buffer.length;
  }
}
