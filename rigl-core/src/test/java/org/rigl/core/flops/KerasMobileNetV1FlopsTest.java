package org.rigl.core.flops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.core.sparsity.ZeroCountRounding;

/**
 * Every output stored in the reference's MobileNet_Counting colab, reproduced digit for digit. The colab ran
 * sparse_utils with get_n_zeros rounding up, hence {@link ZeroCountRounding#CEIL}.
 */
@Tag("fast")
class KerasMobileNetV1FlopsTest {

  private static final List<LayerDesc> LAYERS = KerasMobileNetV1Layers.layers();
  private static final String CONV1 = KerasMobileNetV1Layers.FIRST_LAYER_KERNEL;
  private static final String ERK = "erdos_renyi_kernel";

  private static FlopStats stats(double sparsity, String method, Map<String, Double> custom, double width) {
    return stats(sparsity, method, custom, width, ZeroCountRounding.CEIL);
  }

  private static FlopStats stats(double sparsity, String method, Map<String, Double> custom, double width,
      ZeroCountRounding rounding) {
    return FlopCounter.getStats(LAYERS, sparsity, method, custom, width, KerasMobileNetV1Layers.FIRST_LAYER_NAME,
        KerasMobileNetV1Layers.LAST_LAYER_NAME, 32, 1.0, rounding);
  }

  /** The colab's print_stats: '%.3f' of MFlops, Mbytes and real sparsity. */
  private static void assertPrinted(String mflops, String mbytes, String realSparsity, FlopStats s) {
    assertEquals(mflops + " " + mbytes + " " + realSparsity, PythonFormat.fixed(s.megaFlops(), 3) + " "
        + PythonFormat.fixed(s.megaBytes(), 3) + " " + PythonFormat.fixed(s.realSparsity(), 3));
  }

  /** The colab's c_sparsities: depthwise kernels dense. */
  private static Map<String, Double> depthwiseDense() {
    Map<String, Double> custom = new HashMap<>();
    for (String kernel : KerasMobileNetV1Layers.depthwiseKernels()) {
      custom.put(kernel, 0.0);
    }
    return custom;
  }

  /** The colab's c_sparsities_uniform: depthwise kernels and conv1 dense. */
  private static Map<String, Double> depthwiseAndFirstLayerDense() {
    Map<String, Double> custom = depthwiseDense();
    custom.put(CONV1, 0.0);
    return custom;
  }

  @Test
  void layerListMatchesKerasMobileNet() {
    assertEquals(28, LAYERS.size());
    assertEquals(CONV1, LAYERS.get(0).name());
    assertEquals(225, LAYERS.get(0).inputSize());
    assertEquals("conv_dw_2/depthwise_kernel:0", LAYERS.get(3).name());
    assertEquals(113, LAYERS.get(3).inputSize());
    assertEquals(LayerKind.DEPTHWISE_CONV2D, LAYERS.get(3).kind());
    assertEquals("conv_pw_13/kernel:0", LAYERS.get(26).name());
    assertEquals(7, LAYERS.get(26).inputSize());
    assertEquals(KerasMobileNetV1Layers.LAST_LAYER_KERNEL, LAYERS.get(27).name());
    long kernelParams = 0;
    for (LayerDesc layer : LAYERS) {
      long[] shape = layer.kernelShape();
      kernelParams += shape[0] * shape[1] * shape[2] * shape[3];
    }
    assertEquals(4_209_088, kernelParams);
  }

  @Test
  void denseModel() {
    FlopStats dense = stats(0, "random", null, 1);
    assertEquals(1_141_543_864.0, dense.totalFlops());
    assertEquals(134_914_720.0, dense.totalParamBits());
    assertPrinted("1141.544", "16.864", "0.000", dense);
    assertPrinted("1141.544", "16.864", "0.000", stats(0, ERK, null, 1));
  }

  @Test
  void sparseNetworkStats() {
    assertPrinted("599.144", "4.888", "0.742", stats(0.75, ERK, depthwiseDense(), 1));
    assertPrinted("330.769", "4.894", "0.742", stats(0.75, "random", depthwiseAndFirstLayerDense(), 1));
    assertPrinted("439.152", "3.224", "0.841", stats(0.85, ERK, depthwiseDense(), 1));
    assertPrinted("222.666", "3.229", "0.841", stats(0.85, "random", depthwiseAndFirstLayerDense(), 1));
    assertPrinted("334.134", "2.392", "0.890", stats(0.9, ERK, depthwiseDense(), 1));
    assertPrinted("168.614", "2.396", "0.890", stats(0.9, "random", depthwiseAndFirstLayerDense(), 1));
    assertPrinted("205.281", "1.560", "0.940", stats(0.95, ERK, depthwiseDense(), 1));
    assertPrinted("114.563", "1.563", "0.940", stats(0.95, "random", depthwiseAndFirstLayerDense(), 1));
  }

  /** "Finding the width multiplier for small dense model": size ratios are printed in full. */
  @Test
  void smallDenseModels() {
    Map<String, Double> conv1Dense = Map.of(CONV1, 0.0);
    double[][] rows = {{0.75, 0.47, 0.9933069386323201}, {0.85, 0.353, 0.9998127484496482},
        {0.9, 0.285, 0.9996546850118981}, {0.95, 0.204, 0.9982463429660301}};
    for (double[] row : rows) {
      double sparseBits = stats(row[0], ERK, conv1Dense, 1).totalParamBits();
      assertEquals(row[2], sparseBits / stats(0, ERK, null, row[1]).totalParamBits(), 0.0);
    }
    assertPrinted("266.539", "4.789", "0.000", stats(0, ERK, null, 0.47));
    assertPrinted("588.355", "4.757", "0.750", stats(0.75, ERK, conv1Dense, 1));
    assertPrinted("154.770", "3.076", "0.000", stats(0, ERK, null, 0.353));
    assertPrinted("422.419", "3.075", "0.850", stats(0.85, ERK, conv1Dense, 1));
    assertPrinted("103.825", "2.236", "0.000", stats(0, ERK, null, 0.285));
    assertPrinted("312.956", "2.235", "0.900", stats(0.9, ERK, conv1Dense, 1));
    assertPrinted("56.617", "1.396", "0.000", stats(0, ERK, null, 0.204));
    assertPrinted("180.359", "1.393", "0.950", stats(0.95, ERK, conv1Dense, 1));
  }

  /** "Big-Sparse Networks": wider sparse models the size of the dense one. */
  @Test
  void bigSparseModels() {
    Map<String, Double> conv1Dense = Map.of(CONV1, 0.0);
    Map<String, Double> uniform = Map.of(CONV1, 0.0, KerasMobileNetV1Layers.LAST_LAYER_KERNEL, 0.8);
    double denseBits = stats(0, ERK, null, 1).totalParamBits();
    double[][] rows = {{0.75, 1.98, 1.0084815029856933}, {0.85, 2.52, 1.0032864697591513},
        {0.9, 3.0, 1.0120353164650686}, {0.95, 3.98, 1.0031304863290271}};
    for (double[] row : rows) {
      assertEquals(row[2], denseBits / stats(row[0], ERK, conv1Dense, row[1]).totalParamBits(), 0.0);
    }
    assertPrinted("2180.140", "16.723", "0.742", stats(0.75, ERK, conv1Dense, 1.98));
    assertPrinted("1122.572", "15.863", "0.757", stats(0.75, "random", uniform, 1.98));
    assertPrinted("2442.726", "16.809", "0.846", stats(0.85, ERK, conv1Dense, 2.52));
    assertPrinted("2452.785", "16.664", "0.899", stats(0.9, ERK, conv1Dense, 3.0));
    assertPrinted("1058.478", "17.833", "0.890", stats(0.9, "random", uniform, 3.0));
    assertPrinted("2132.954", "16.812", "0.954", stats(0.95, ERK, conv1Dense, 3.98));
  }

  /** The current reference rounds get_n_zeros down, which moves the ERK rows in the last printed digit. */
  @Test
  void floorRoundingDiffersFromTheStoredOutputs() {
    assertPrinted("439.158", "3.224", "0.841", stats(0.85, ERK, depthwiseDense(), 1, ZeroCountRounding.FLOOR));
    assertPrinted("334.142", "2.393", "0.890", stats(0.9, ERK, depthwiseDense(), 1, ZeroCountRounding.FLOOR));
  }
}
