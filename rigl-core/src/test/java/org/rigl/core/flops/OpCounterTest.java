package org.rigl.core.flops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MicroNet counting rules, checked against values worked out by hand. */
@Tag("fast")
class OpCounterTest {

  private static void assertCount(double bits, double mults, double adds, OpCount count) {
    assertEquals(bits, count.paramBits());
    assertEquals(mults, count.mults());
    assertEquals(adds, count.adds());
    assertEquals(mults + adds, count.flops());
  }

  @ParameterizedTest
  @CsvSource({
      "SAME, 224, 7, 2, 112",   // ceil((224 - 7 + 1 + 6) / 2)
      "SAME, 225, 3, 2, 113",   // ceil(225 / 2)
      "SAME, 7, 3, 1, 7",
      "VALID, 7, 3, 1, 5",
      "SAME, 8, 1, 2, 4"
  })
  void outputSize(Padding padding, int image, long filter, int stride, int expected) {
    assertEquals(expected, padding.outputSize(image, filter, stride));
  }

  /**
   * Conv 3x3x3x8 on 8x8, stride 2, SAME, s=0.5: out = ceil(8/2) = 4, n = 4*4*8 = 128, dot length 27*0.5 = 13.5.
   * bits = 216*32*0.5 + 216 (mask) + 8*32 (bias) = 3928; mults = 13.5*128 + 128 (ReLU) = 1856;
   * adds = 12.5*128 + 128 (bias) = 1728.
   */
  @Test
  void sparseConv2D() {
    Conv2D op = new Conv2D(8, new long[] {3, 3, 3, 8}, 2, Padding.SAME, true, Activation.RELU);
    assertCount(3928, 1856, 1728, OpCounter.countOps(op, 0.5, 32));
  }

  /** Dense: no mask bits. bits = 216*32 + 256 = 7168; mults = 27*128 + 128; adds = 26*128 + 128. */
  @Test
  void denseConv2DHasNoMaskBits() {
    Conv2D op = new Conv2D(8, new long[] {3, 3, 3, 8}, 2, Padding.SAME, true, Activation.RELU);
    assertCount(7168, 3584, 3456, OpCounter.countOps(op, 0.0, 32));
  }

  /**
   * Depthwise 3x3x4x1 on 8x8, stride 1: n = 64*4 = 256, dot length 9*(1-s), bias over the 4 channels.
   * s=0: bits = 36*32 + 128 = 1280, mults = 9*256 + 256 = 2560, adds = 8*256 + 256 = 2304.
   * s=0.5: bits = 576 + 36 + 128 = 740, mults = 4.5*256 + 256 = 1408, adds = 3.5*256 + 256 = 1152.
   */
  @Test
  void depthwiseConv2D() {
    DepthwiseConv2D op = new DepthwiseConv2D(8, new long[] {3, 3, 4, 1}, 1, Padding.SAME, true, Activation.RELU);
    assertCount(1280, 2560, 2304, OpCounter.countOps(op, 0.0, 32));
    assertCount(740, 1408, 1152, OpCounter.countOps(op, 0.5, 32));
  }

  /**
   * FC 128x10, s=0.5: 64 non-zeros per output. bits = 1280*32*0.5 + 1280 + 320 = 22080; mults = 64*10 + 10 = 650;
   * adds = 63*10 + 10 = 640. Without bias and activation: bits 21760, mults 640, adds 630.
   */
  @Test
  void fullyConnected() {
    assertCount(22080, 650, 640,
        OpCounter.countOps(new FullyConnected(new long[] {128, 10}, true, Activation.RELU), 0.5, 32));
    assertCount(21760, 640, 630,
        OpCounter.countOps(new FullyConnected(new long[] {128, 10}, false, Activation.NONE), 0.5, 32));
  }

  /** Swish costs 3 mults + 1 add per output: FC 4x2 dense: mults = 8 + 6, adds = 6 + 2 (bias) + 2. */
  @Test
  void swishActivation() {
    assertCount(320, 14, 10,
        OpCounter.countOps(new FullyConnected(new long[] {4, 2}, true, Activation.SWISH), 0.0, 32));
  }

  @Test
  void malformedKernelsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new Conv2D(8, new long[] {3, 1, 3, 8}, 1, Padding.SAME, true, Activation.RELU));
    assertThrows(IllegalArgumentException.class,
        () -> new DepthwiseConv2D(8, new long[] {3, 3, 4, 2}, 1, Padding.SAME, true, Activation.RELU));
    assertThrows(IllegalArgumentException.class,
        () -> new FullyConnected(new long[] {3, 3, 4}, true, Activation.RELU));
  }
}
