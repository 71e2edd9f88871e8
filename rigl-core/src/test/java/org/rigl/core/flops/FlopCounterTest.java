package org.rigl.core.flops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class FlopCounterTest {

  private static final List<LayerDesc> TWO_LAYERS = List.of(
      LayerDesc.conv2d("conv1/kernel:0", new long[] {3, 3, 3, 8}, 8, 2),
      LayerDesc.dense("fc/kernel:0", new long[] {128, 10}));

  private static FlopStats stats(List<LayerDesc> layers, String method, Map<String, Double> custom, double width) {
    return FlopCounter.getStats(layers, 0.5, method, custom, width, "conv1", "fc", 32, 1.0);
  }

  /**
   * Hand count, method random (S=0.5) with conv1 forced dense by the custom map.
   * conv1 3x3x3x8, input 8, stride 2: out 4, n = 128, dense dot length 27:
   *   bits = 216*32 + 8*32 = 7168; flops = (27*128 + 128) + (26*128 + 128) = 3584 + 3456 = 7040.
   * fc 128x10 at 0.5: bits = 20480 + 1280 (mask) + 320 = 22080; flops = (640 + 10) + (630 + 10) = 1290.
   * Totals: flops 8330, bits 29248, real sparsity = (0 + int(1280*0.5)) / (216 + 1280) = 640 / 1496.
   *
   * Width 2 (conv1 keeps c_in as first layer, fc keeps c_out as last layer): conv1 3x3x3x16, fc 256x10.
   * conv1: n = 256, bits = 432*32 + 512 = 14336, flops = (27*256 + 256) + (26*256 + 256) = 14080.
   * fc: bits = 40960 + 2560 + 320 = 43840, flops = (1280 + 10) + (1270 + 10) = 2570.
   * Totals: flops 16650, bits 58176, real sparsity = 1280 / (432 + 2560).
   */
  @Test
  void handCountedTwoLayerNetwork() {
    Map<String, Double> conv1Dense = Map.of("conv1/kernel:0", 0.0);
    FlopStats narrow = stats(TWO_LAYERS, "random", conv1Dense, 1.0);
    assertEquals(8330, narrow.totalFlops());
    assertEquals(29248, narrow.totalParamBits());
    assertEquals(640.0 / 1496.0, narrow.realSparsity());
    assertEquals(0.00833, narrow.megaFlops(), 1e-15);
    assertEquals(0.003656, narrow.megaBytes(), 1e-15);

    FlopStats wide = stats(TWO_LAYERS, "random", conv1Dense, 2.0);
    assertEquals(16650, wide.totalFlops());
    assertEquals(58176, wide.totalParamBits());
    assertEquals(1280.0 / 2992.0, wide.realSparsity());
  }

  /**
   * A depthwise layer is counted as a Conv2D with c_out = 1, and width never scales a dimension of size 1.
   * Width 2: conv1 3x3x3x16 dense on 8x8 stride 1: n = 1024, flops = (27*1024 + 1024) + (26*1024 + 1024) = 56320,
   * bits = 432*32 + 512 = 14336. dw 3x3x16x1 dense: n = 64, dot length 144:
   * flops = (144*64 + 64) + (143*64 + 64) = 18496, bits = 144*32 + 32 = 4640.
   */
  @Test
  void depthwiseCountsAsConvWithOneOutputChannel() {
    List<LayerDesc> layers = List.of(
        LayerDesc.conv2d("conv1/kernel:0", new long[] {3, 3, 3, 8}, 8, 1),
        LayerDesc.depthwiseConv2d("dw/depthwise_kernel:0", new long[] {3, 3, 8, 1}, 8, 1));
    FlopStats s = FlopCounter.getStats(layers, 0.0, "random", null, 2.0, "conv1", "fc", 32, 1.0);
    assertEquals(56320 + 18496, s.totalFlops());
    assertEquals(14336 + 4640, s.totalParamBits());
    assertEquals(0.0, s.realSparsity());
    assertArrayEquals(new long[] {3, 3, 16, 1}, FlopCounter.scaledShape(layers.get(1), 2.0, "conv1", "fc"));
  }

  /**
   * ERK is solved on the unscaled shapes, then counted on the width-1.5 shapes (conv1 3x3x3x12, fc 192x10).
   * Expected values from an independent Python re-implementation of get_stats.
   */
  @Test
  void erdosRenyiKernelOnUnscaledShapes() {
    FlopStats s = FlopCounter.getStats(TWO_LAYERS, 0.8, "erdos_renyi_kernel", Map.of(), 1.5, "conv1", "fc", 32, 1.0);
    assertEquals(2582.6451612903234, s.totalFlops(), 1e-9);
    assertEquals(17348.000000000004, s.totalParamBits(), 1e-9);
    assertEquals(0.7990196078431373, s.realSparsity(), 1e-15);
  }
}
