package org.rigl.imagenet.cifar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small CIFAR-10 binary files with known pixels, written by the tests. */
final class CifarFiles {
  static final int SIDE = 32;

  private CifarFiles() {}

  /** The byte of image {@code image} at channel {@code c}, row {@code y}, column {@code x}. */
  static int pixel(int image, int c, int y, int x) {
    return (image * 31 + c * 7 + y * 3 + x * 5 + (x * y) % 11) & 0xff;
  }

  /** The byte a test image has at channel {@code c}, row {@code y}, column {@code x}. */
  @FunctionalInterface
  interface Pixels {
    int at(int image, int c, int y, int x);
  }

  /** Writes records for {@code labels} (image i gets label {@code labels[i]} and pixels of image {@code first + i}). */
  static Path write(Path file, int first, int... labels) {
    return write(file, labels, (i, c, y, x) -> pixel(first + i, c, y, x));
  }

  /** Writes records for {@code labels}, image i with {@code pixels.at(i, ...)}. */
  static Path write(Path file, int[] labels, Pixels pixels) {
    byte[] bytes = new byte[labels.length * Cifar10Files.RECORD_BYTES];
    for (int i = 0; i < labels.length; i++) {
      int base = i * Cifar10Files.RECORD_BYTES;
      bytes[base] = (byte) labels[i];
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < SIDE; y++) {
          for (int x = 0; x < SIDE; x++) {
            bytes[base + 1 + c * SIDE * SIDE + y * SIDE + x] = (byte) pixels.at(i, c, y, x);
          }
        }
      }
    }
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** per_image_standardization of image {@code image} in HWC order, computed in double. */
  static float[] standardized(int image) {
    int n = SIDE * SIDE * 3;
    double sum = 0;
    double sumSquares = 0;
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        for (int c = 0; c < 3; c++) {
          double v = pixel(image, c, y, x);
          sum += v;
          sumSquares += v * v;
        }
      }
    }
    double mean = sum / n;
    double scale = Math.max(Math.sqrt(Math.max(0, sumSquares / n - mean * mean)), 1 / Math.sqrt(n));
    float[] out = new float[n];
    int k = 0;
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        for (int c = 0; c < 3; c++) {
          out[k++] = (float) ((pixel(image, c, y, x) - mean) / scale);
        }
      }
    }
    return out;
  }
}
