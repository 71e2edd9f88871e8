package org.rigl.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.models.TfGraph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** conv2d_fixed_padding pads symmetrically where SAME would pad after only. */
@Tag("fast")
class ConvLayerTest {

  private static float[] convolveOnes(ConvLayer.Padding padding, int stride) {
    try (TfGraph g = new TfGraph()) {
      LayerContext context = new LayerContext(g.tf, g.masks);
      Kernel kernel = context.plainKernel("k", Shape.of(3, 3, 1, 1), Initializers.glorotUniform(), false);
      g.session.run(g.tf.assign(kernel.variable(), g.tf.ones(g.tf.constant(Shape.of(3, 3, 1, 1)), TFloat32.class)));
      var ones = g.tf.ones(g.tf.constant(Shape.of(1, 4, 4, 1)), TFloat32.class);
      var y = ConvLayer.of(kernel, stride, padding).apply(g.tf, ones);
      return g.floats(y);
    }
  }

  @Test
  void fixedPaddingWithStrideTwo() {
    // 4x4 ones, 3x3 ones kernel, stride 2: fixed padding pads (1, 1), SAME pads (0, 1).
    assertArrayEquals(new float[] {4, 6, 6, 9}, convolveOnes(ConvLayer.Padding.FIXED, 2));
    assertArrayEquals(new float[] {9, 6, 6, 4}, convolveOnes(ConvLayer.Padding.SAME, 2));
    assertArrayEquals(convolveOnes(ConvLayer.Padding.SAME, 1), convolveOnes(ConvLayer.Padding.FIXED, 1));
    assertEquals(16, convolveOnes(ConvLayer.Padding.FIXED, 1).length);
  }
}
