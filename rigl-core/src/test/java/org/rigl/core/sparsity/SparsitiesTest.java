package org.rigl.core.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Values of the reference's sparse_utils_test.py, plus full dictionaries computed with its sparse_utils. */
@Tag("fast")
class SparsitiesTest {

  private static final double ERK = Sparsities.DEFAULT_ERK_POWER_SCALE;

  private static MaskSpec mask(String scope, long... shape) {
    return new MaskSpec(scope + "/mask:0", shape);
  }

  private static List<MaskSpec> customTestMasks() {
    return List.of(mask("var1", 2, 4), mask("var2", 2, 3), mask("var3", 1, 1, 3));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.4, 0.9})
  void sparsityDictRandom(double defaultSparsity) {
    List<MaskSpec> masks = List.of(mask("var1", 2, 3), mask("var2", 2, 3), mask("var3", 1, 1, 3));
    Map<String, Double> s = Sparsities.compute(masks, "random", defaultSparsity, Map.of("var1", 0.8), ERK);
    assertEquals(List.of("var1/mask:0", "var2/mask:0", "var3/mask:0"), List.copyOf(s.keySet()));
    assertEquals(0.8, s.get("var1/mask:0"));
    assertEquals(defaultSparsity, s.get("var2/mask:0"));
    assertEquals(defaultSparsity, s.get("var3/mask:0"));
  }

  /** S=0.1: var2 is forced dense first, then eps = 4/3 makes var1's density exactly 1. */
  @ParameterizedTest
  @CsvSource({
      "0.1, 0.0, 0.0",
      "0.4, 0.38636363636363635, 0.3181818181818181",
      "0.9, 0.8636363636363636, 0.8484848484848485"
  })
  void sparsityDictErdosRenyiCustom(double defaultSparsity, double var1, double var2) {
    Map<String, Double> s =
        Sparsities.compute(customTestMasks(), "erdos_renyi", defaultSparsity, Map.of("var3", 0.8), ERK);
    assertEquals(var1, s.get("var1/mask:0"));
    assertEquals(var2, s.get("var2/mask:0"));
    assertEquals(0.8, s.get("var3/mask:0"));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.4, 0.9})
  void sparsityDictErdosRenyiError(double defaultSparsity) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sparsities.compute(customTestMasks(), "erdos_renyi", defaultSparsity, Map.of("var4", 0.8), ERK));
    assertEquals("No masks are found for the following names: {'var4'}", e.getMessage());
  }

  @Test
  void customKeyErrorListsOnlyTheMissingKeys() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sparsities.compute(customTestMasks(), "random", 0.5,
            Map.of("var1", 0.1, "zz", 0.2, "var1/mask:0", 0.3), ERK));
    assertEquals("No masks are found for the following names: {'var1/mask:0', 'zz'}", e.getMessage());
  }

  private static long[] parseShape(String text) {
    return Arrays.stream(text.split("x")).mapToLong(Long::parseLong).toArray();
  }

  @ParameterizedTest
  @CsvSource({
      "2x3, 2x3, 0.5, 0.5, 0.5",
      // floor(1.8) = 1 zero per layer, so density 5/6 each (eps 1.0).
      "1x1x2x3, 1x1x2x3, 0.3, 0.16666666666666663, 0.16666666666666663",
      "8x6, 4x3, 0.7, 0.7361111111111112, 0.4722222222222222",
      "80x4, 20x20, 0.8, 0.6951612903225806, 0.8838709677419354",
      "2x6, 2x3, 0.8, 0.7435897435897436, 0.6794871794871795"
  })
  void sparsityDictErdosRenyiSparsitiesScale(
      String shapeText1, String shapeText2, double defaultSparsity, double expected1, double expected2) {
    long[] shape1 = parseShape(shapeText1);
    long[] shape2 = parseShape(shapeText2);
    List<MaskSpec> masks = List.of(new MaskSpec("var1/mask", shape1), new MaskSpec("var2/mask", shape2));
    Map<String, Double> s = Sparsities.compute(masks, "erdos_renyi", defaultSparsity, Map.of(), ERK);
    double s1 = s.get("var1/mask");
    double s2 = s.get("var2/mask");
    assertEquals(expected1, s1);
    assertEquals(expected2, s2);

    // Same number of connections as uniform, up to one rounding per layer.
    long size1 = SparsityCounts.numElements(shape1);
    long size2 = SparsityCounts.numElements(shape2);
    long uniformZeros = SparsityCounts.nZeros(size1, defaultSparsity) + SparsityCounts.nZeros(size2, defaultSparsity);
    long erZeros = SparsityCounts.nZeros(size1, s1) + SparsityCounts.nZeros(size2, s2);
    assertTrue(Math.abs(uniformZeros - erZeros) <= 2, uniformZeros + " vs " + erZeros);
    // Densities keep the Erdos-Renyi proportions.
    assertEquals((1 - s1) / erFactor(shape1), (1 - s2) / erFactor(shape2), 1e-7);
  }

  private static double erFactor(long[] shape) {
    long in = shape[shape.length - 2];
    long out = shape[shape.length - 1];
    return (double) (out + in) / (out * in);
  }

  private static List<MaskSpec> kernelTestMasks() {
    return List.of(mask("a", 3, 3, 16, 32), mask("b", 3, 3, 32, 64), mask("c", 64, 10));
  }

  @Test
  void erdosRenyiUsesLastTwoDimensionsAndIgnoresPowerScale() {
    for (double power : new double[] {1.0, 0.5, 0.0}) {
      Map<String, Double> s = Sparsities.compute(kernelTestMasks(), "erdos_renyi", 0.9, Map.of(), power);
      assertEquals(0.8378877737, s.get("a/mask:0"), 1e-9);
      assertEquals(0.9189438869, s.get("b/mask:0"), 1e-9);
      assertEquals(0.8000615876, s.get("c/mask:0"), 1e-9);
    }
  }

  @Test
  void erdosRenyiKernelForcesTheDenserLayerDense() {
    Map<String, Double> s = Sparsities.compute(kernelTestMasks(), "erdos_renyi_kernel", 0.9, Map.of(), 1.0);
    assertEquals(0.8701171875, s.get("a/mask:0"), 1e-9);
    assertEquals(0.9386664497, s.get("b/mask:0"), 1e-9);
    assertEquals(0.0, s.get("c/mask:0"));
  }

  @Test
  void erdosRenyiKernelPowerScaleSoftensTheDistribution() {
    Map<String, Double> half = Sparsities.compute(kernelTestMasks(), "erdos_renyi_kernel", 0.9, Map.of(), 0.5);
    assertEquals(0.8771552316, half.get("a/mask:0"), 1e-9);
    assertEquals(0.9155830074, half.get("b/mask:0"), 1e-9);
    assertEquals(0.6141292191, half.get("c/mask:0"), 1e-9);

    Map<String, Double> zero = Sparsities.compute(kernelTestMasks(), "erdos_renyi_kernel", 0.9, Map.of(), 0.0);
    for (double v : zero.values()) {
      assertEquals(0.8999577703, v, 1e-9);
    }
  }

  @Test
  void badMethodNameIsNamedWithTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sparsities.compute(customTestMasks(), "erk", 0.5, Map.of(), ERK));
    assertTrue(e.getMessage().contains("erk is not valid"), e.getMessage());
    assertTrue(e.getMessage().contains("random, erdos_renyi, erdos_renyi_kernel, str"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
  void sparsityOutsideUnitIntervalIsRejected(double bad) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sparsities.compute(customTestMasks(), "random", bad, Map.of(), ERK));
    assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    IllegalArgumentException custom = assertThrows(IllegalArgumentException.class,
        () -> Sparsities.compute(customTestMasks(), "random", 0.5, Map.of("var1", bad), ERK));
    assertTrue(custom.getMessage().contains("'var1'") && custom.getMessage().contains(String.valueOf(bad)),
        custom.getMessage());
  }

  @Test
  void identityNameFunctionKeysCustomMapByFullName() {
    List<MaskSpec> kernels = List.of(new MaskSpec("conv1/kernel:0", new long[] {3, 3, 3, 8}),
        new MaskSpec("fc/kernel:0", new long[] {8, 10}));
    Map<String, Double> s = Sparsities.compute(kernels, "random", 0.5, Map.of("conv1/kernel:0", 0.0), ERK,
        name -> name);
    assertEquals(Map.of("conv1/kernel:0", 0.0, "fc/kernel:0", 0.5), s);
  }

  @Test
  void duplicateMaskNamesAreRejected() {
    List<MaskSpec> masks = List.of(mask("var1", 2, 3), mask("var1", 2, 3));
    assertThrows(IllegalArgumentException.class, () -> Sparsities.compute(masks, "random", 0.5, Map.of(), ERK));
  }
}
