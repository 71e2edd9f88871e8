package org.rigl.imagenet.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.imagenet.GraphRunner;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

@Tag("fast")
class CifarPreprocessingTest {
  @Test
  void paddingIsExactlyDataHelperPadInput() {
    int h = 5;
    int w = 6;
    int c = 2;
    float[] image = new float[h * w * c];
    for (int i = 0; i < image.length; i++) {
      image[i] = i;
    }
    try (GraphRunner g = new GraphRunner()) {
      Operand<TFloat32> x = g.tf.constant(Shape.of(h, w, c), DataBuffers.of(image));
      Operand<TFloat32> padded = CifarPreprocessing.padMirrored(g.tf, x);
      assertEquals(Shape.of(h + 8, w + 8, c), padded.shape());
      assertArrayEquals(padInput(image, h, w, c), g.floats(padded), 0f);
    }
  }

  @Test
  void aUniformImageStandardisesToZeros() {
    float[] gray = new float[32 * 32 * 3];
    java.util.Arrays.fill(gray, 77f);
    try (GraphRunner g = new GraphRunner()) {
      Operand<TFloat32> x = g.tf.constant(Shape.of(32, 32, 3), DataBuffers.of(gray));
      for (float v : g.floats(CifarPreprocessing.standardize(g.tf, x))) {
        assertEquals(0f, v, 0f);
      }
    }
  }

  /**
   * rigl data_helper.pad_input, written from its definition: concatenate {@code x[:4][::-1]},
   * {@code x}, {@code x[-4:][::-1]} along rows, then the same along columns.
   */
  private static float[] padInput(float[] x, int h, int w, int c) {
    int p = 4;
    int[] rows = new int[h + 2 * p];
    for (int i = 0; i < p; i++) {
      rows[i] = p - 1 - i; // x[:4][::-1]
      rows[p + h + i] = h - 1 - i; // x[-4:][::-1]
    }
    for (int i = 0; i < h; i++) {
      rows[p + i] = i;
    }
    int[] cols = new int[w + 2 * p];
    for (int i = 0; i < p; i++) {
      cols[i] = p - 1 - i;
      cols[p + w + i] = w - 1 - i;
    }
    for (int i = 0; i < w; i++) {
      cols[p + i] = i;
    }
    float[] out = new float[rows.length * cols.length * c];
    int k = 0;
    for (int row : rows) {
      for (int col : cols) {
        for (int ch = 0; ch < c; ch++) {
          out[k++] = x[(row * w + col) * c + ch];
        }
      }
    }
    return out;
  }
}
