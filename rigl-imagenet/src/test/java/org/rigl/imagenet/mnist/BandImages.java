package org.rigl.imagenet.mnist;

import java.util.SplittableRandom;

/** A learnable MNIST-shaped set for tests: class c lights up pixel band c (pixels 78c to 78c + 77). */
final class BandImages {
  private BandImages() {}

  static IdxDataset bands(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] images = new float[count][784];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = random.nextInt(10);
      for (int p = 0; p < 784; p++) {
        images[i][p] = p / 78 == labels[i] ? 0.8f + 0.2f * (float) random.nextDouble() : 0.15f * (float) random.nextDouble();
      }
    }
    return new IdxDataset(images, labels);
  }
}
