package org.rigl.imagenet.cifar;

import java.nio.file.Path;

/**
 * A learnable CIFAR-10 stand-in: every image of class k is one noisy colour whose hue is k tenths
 * of the colour wheel. Per-image standardisation keeps the hue and crops and flips cannot hide it,
 * so a small network separates the classes within a few dozen steps.
 */
final class ColouredCifar {
  static final int CLASSES = 10;

  private ColouredCifar() {}

  /** Five training files of {@code perTrainFile} images and a test file of {@code testImages}. */
  static Path write(Path dir, int perTrainFile, int testImages) {
    for (int b = 1; b <= 5; b++) {
      writeFile(dir.resolve("data_batch_" + b + ".bin"), b * 100_000, perTrainFile);
    }
    writeFile(dir.resolve("test_batch.bin"), 0, testImages);
    return dir;
  }

  private static void writeFile(Path file, int firstImage, int count) {
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = label(firstImage + i);
    }
    CifarFiles.write(file, labels, (i, c, y, x) -> pixel(firstImage + i, c, y, x));
  }

  /** Classes in a scrambled but balanced order. */
  static int label(int image) {
    return (image * 7 + image / CLASSES) % CLASSES;
  }

  private static int pixel(int image, int c, int y, int x) {
    double hue = 2 * Math.PI * label(image) / CLASSES;
    double colour = 128 + 70 * Math.cos(hue - 2 * Math.PI * c / 3);
    return (int) Math.round(colour + noise(image, c, y, x));
  }

  /** Uniform in [-25, 25), a hash of the position. */
  private static double noise(int image, int c, int y, int x) {
    long h = image * 0x9E3779B97F4A7C15L + c * 0xC2B2AE3D27D4EB4FL + y * 0x165667B19E3779F9L + x * 0xD6E8FEB86659FD93L;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 29;
    return ((h >>> 11) / (double) (1L << 53)) * 50 - 25;
  }
}
