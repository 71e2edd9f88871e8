package org.rigl.imagenet.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.imagenet.GraphRunner;

/**
 * Centre crop windows against values worked out by hand from resnet_preprocessing.py:
 * {@code side = int(float32(size / (size + pad)) * min(h, w))}, {@code offset = ((h - side) + 1) // 2}.
 */
@Tag("fast")
class CenterCropTest {
  @Test
  void cropPaddingIsPythonRoundOfSizeTimesOneSeventh() {
    assertEquals(32, CenterCrop.cropPadding(224)); // 224 * 0.142857... = 32.0
    assertEquals(9, CenterCrop.cropPadding(64)); // 9.142857 -> 9
    assertEquals(0.875f, CenterCrop.sideFraction(224));
    assertEquals((float) (64.0 / 73.0), CenterCrop.sideFraction(64));
  }

  @Test
  void windowsFor224() {
    // 0.875 * 200 = 175; (300 - 175 + 1) // 2 = 63; (200 - 175 + 1) // 2 = 13.
    assertArrayEquals(new int[] {63, 13, 175, 175}, window(300, 200, 224));
    // 0.875 * 256 = 224, offsets (32 + 1) // 2 = 16.
    assertArrayEquals(new int[] {16, 16, 224, 224}, window(256, 256, 224));
    // 0.875 * 30 = 26.25 -> 26; (4 + 1) // 2 = 2; (273 + 1) // 2 = 137.
    assertArrayEquals(new int[] {2, 137, 26, 26}, window(30, 299, 224));
    // 0.875 * 375 = 328.125 -> 328; (500 - 328 + 1) // 2 = 86; (47 + 1) // 2 = 24.
    assertArrayEquals(new int[] {24, 86, 328, 328}, window(375, 500, 224));
  }

  @Test
  void windowsFor64() {
    // float32(64/73) = 0.87671232; * 80 = 70.137 -> 70; (30 + 1) // 2 = 15; (10 + 1) // 2 = 5.
    assertArrayEquals(new int[] {15, 5, 70, 70}, window(100, 80, 64));
    // * 73 = 63.99999 in float32 -> 63 (truncation, as the reference); (10 + 1) // 2 = 5.
    int side = (int) (CenterCrop.sideFraction(64) * 73f);
    assertArrayEquals(new int[] {5, (73 - side + 1) / 2, side, side}, window(73, 73, 64));
  }

  private static int[] window(int height, int width, int imageSize) {
    try (GraphRunner g = new GraphRunner()) {
      return g.ints(CenterCrop.window(g.tf, g.tf.constant(new int[] {height, width, 3}), imageSize));
    }
  }
}
