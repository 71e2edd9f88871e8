package org.rigl.imagenet.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.imagenet.GraphRunner;
import org.rigl.imagenet.data.ElementSeeds;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;

/** The training crop window: fixed boxes (including the centre fallback) and seeded samples. */
@Tag("fast")
class DistortedCropTest {
  @Test
  void aSampledBoxIsTheWindow() {
    assertArrayEquals(new int[] {10, 20, 100, 150}, window(new int[] {300, 200, 3}, new int[] {10, 20, 0}, new int[] {100, 150, 3}));
    // Two of three dimensions equal (height and channels) is not the whole image: no fallback.
    assertArrayEquals(new int[] {0, 25, 300, 150}, window(new int[] {300, 200, 3}, new int[] {0, 25, 0}, new int[] {300, 150, 3}));
  }

  @Test
  void theWholeImageFallsBackToTheCentreCrop() {
    // The centre window of a 300x200 image at 224 (see CenterCropTest).
    assertArrayEquals(new int[] {63, 13, 175, 175}, window(new int[] {300, 200, 3}, new int[] {0, 0, 0}, new int[] {300, 200, 3}));
  }

  @Test
  void seededSamplesAreReproducibleAndObeyTheConstraints() {
    int[] first = samples(3);
    assertArrayEquals(first, samples(3));
    assertFalse(java.util.Arrays.equals(first, samples(4)));
    int distinct = 0;
    for (int i = 0; i < first.length; i += 6) {
      int y = first[i];
      int x = first[i + 1];
      int h = first[i + 3];
      int w = first[i + 4];
      assertTrue(y >= 0 && x >= 0 && y + h <= 300 && x + w <= 400, "box inside the image");
      boolean whole = h == 300 && w == 400;
      if (!whole) {
        double area = h * (double) w / (300 * 400);
        double aspect = w / (double) h;
        assertTrue(area >= 0.08 - 0.01 && area <= 1.0, "area fraction " + area);
        assertTrue(aspect >= 0.75 - 0.05 && aspect <= 4.0 / 3 + 0.05, "aspect ratio " + aspect);
        distinct++;
      }
    }
    assertTrue(distinct > 10, "most of the 20 samples succeed within 10 attempts");
  }

  /** begin and size of 20 boxes sampled for a 300x400 image, elements 0..19 of one seed. */
  private static int[] samples(long seed) {
    try (GraphRunner g = new GraphRunner()) {
      Ops tf = g.tf;
      Operand<TInt32> shape = tf.constant(new int[] {300, 400, 3});
      List<Operand<TInt32>> parts = new ArrayList<>();
      for (long element = 0; element < 20; element++) {
        var box = DistortedCrop.sample(tf, shape, ElementSeeds.of(tf, seed, "crop", tf.constant(element)));
        parts.add(box.begin());
        parts.add(box.size());
      }
      return g.ints(tf.concat(parts, tf.constant(0)));
    }
  }

  private static int[] window(int[] shape, int[] begin, int[] size) {
    try (GraphRunner g = new GraphRunner()) {
      Ops tf = g.tf;
      var box = new DistortedCrop.Box(tf.constant(begin), tf.constant(size));
      return g.ints(DistortedCrop.window(tf, tf.constant(shape), box, 224));
    }
  }
}
