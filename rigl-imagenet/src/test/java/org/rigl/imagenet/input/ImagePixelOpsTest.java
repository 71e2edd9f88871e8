package org.rigl.imagenet.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.imagenet.GraphRunner;
import org.rigl.imagenet.data.ElementSeeds;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/** Crop, bicubic resize, flip and normalisation on small known images. */
@Tag("fast")
class ImagePixelOpsTest {
  @Test
  void normalisationUsesTheReferenceConstantsExactly() {
    assertArrayEquals(new float[] {123.675f, 116.28f, 103.53f}, ImageNormalization.MEAN_RGB);
    assertArrayEquals(new float[] {58.395f, 57.12f, 57.375f}, ImageNormalization.STDDEV_RGB);
    float[] pixels = {0f, 0f, 0f, 255f, 255f, 255f, 123.675f, 116.28f, 103.53f, 10.5f, 200f, 99f};
    try (GraphRunner g = new GraphRunner()) {
      Operand<TFloat32> image = g.tf.constant(Shape.of(1, 4, 3), DataBuffers.of(pixels));
      float[] normalised = g.floats(ImageNormalization.normalize(g.tf, image));
      for (int i = 0; i < pixels.length; i++) {
        int c = i % 3;
        // float32 (x - mean) / stddev, as TensorFlow's Sub then RealDiv.
        assertEquals((pixels[i] - ImageNormalization.MEAN_RGB[c]) / ImageNormalization.STDDEV_RGB[c], normalised[i], 0f);
      }
      assertEquals(0f, normalised[6], 0f);
      assertEquals(-0.485f / 0.229f, normalised[0], 1e-6f);
    }
  }

  @Test
  void bicubicResizeKeepsAConstantImageConstant() {
    byte[] gray = new byte[5 * 7 * 3];
    java.util.Arrays.fill(gray, (byte) 100);
    try (GraphRunner g = new GraphRunner()) {
      Operand<TUint8> image = g.tf.constant(TUint8.class, Shape.of(5, 7, 3), DataBuffers.of(gray));
      Operand<TFloat32> resized = ImageResize.bicubic(g.tf, image, 4);
      assertEquals(Shape.of(4, 4, 3), resized.shape());
      for (float v : g.floats(resized)) {
        assertEquals(100f, v, 1e-4f);
      }
    }
  }

  @Test
  void bicubicResizeOfAnIdentitySizeReturnsThePixels() {
    // align_corners=False, half_pixel_centers=False: scale 1 samples the source pixels exactly.
    float[] pixels = new float[3 * 3 * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i * 7 % 255;
    }
    try (GraphRunner g = new GraphRunner()) {
      Operand<TFloat32> image = g.tf.constant(Shape.of(3, 3, 3), DataBuffers.of(pixels));
      assertArrayEquals(pixels, g.floats(ImageResize.bicubic(g.tf, image, 3)), 1e-4f);
    }
  }

  @Test
  void bicubicResizeUsesTheLegacyKernelWithoutHalfPixelCentres() {
    // Rows [0, 100] to width 4: sample points x = 0, 0.5, 1, 1.5 (scale 1/2, no half-pixel
    // offset), Keys cubic with a = -0.75, edge indices clamped. At x = 1.5 the neighbours are
    // 0, 100, 100, 100 with weights -0.09375, 0.59375, 0.59375, -0.09375: 109.375, an overshoot
    // the reference keeps (no clipping).
    float[] pixels = {0, 100, 0, 100};
    try (GraphRunner g = new GraphRunner()) {
      Operand<TFloat32> image = g.tf.constant(Shape.of(2, 2, 1), DataBuffers.of(pixels));
      float[] resized = g.floats(ImageResize.bicubic(g.tf, image, 4));
      for (int row = 0; row < 4; row++) {
        assertArrayEquals(new float[] {0f, 50f, 100f, 109.375f}, java.util.Arrays.copyOfRange(resized, row * 4, row * 4 + 4), 1e-4f);
      }
    }
  }

  @Test
  void cropTakesTheWindowRowsAndColumns() {
    float[] pixels = new float[4 * 5];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i;
    }
    try (GraphRunner g = new GraphRunner()) {
      Operand<TFloat32> image = g.tf.constant(Shape.of(4, 5, 1), DataBuffers.of(pixels));
      float[] crop = g.floats(ImageNetPreprocessing.crop(g.tf, image, g.tf.constant(new int[] {1, 2, 2, 3})));
      assertArrayEquals(new float[] {7, 8, 9, 12, 13, 14}, crop);
    }
  }

  @Test
  void randomFlipMirrorsTheWidthForAboutHalfTheElements() {
    float[] row = {1, 2, 3};
    Set<String> outcomes = new HashSet<>();
    int flipped = 0;
    try (GraphRunner g = new GraphRunner()) {
      Operand<TFloat32> image = g.tf.constant(Shape.of(1, 3, 1), DataBuffers.of(row));
      for (long element = 0; element < 40; element++) {
        var seed = ElementSeeds.of(g.tf, 0, "flip", g.tf.constant(element));
        float[] out = g.floats(RandomFlip.leftRight(g.tf, image, seed));
        assertArrayEquals(out, g.floats(RandomFlip.leftRight(g.tf, image, seed)), "same seed, same draw");
        outcomes.add(java.util.Arrays.toString(out));
        flipped += out[0] == 3 ? 1 : 0;
      }
    }
    assertEquals(Set.of("[1.0, 2.0, 3.0]", "[3.0, 2.0, 1.0]"), outcomes);
    assertTrue(flipped > 8 && flipped < 32, flipped + " of 40 flipped");
  }
}
