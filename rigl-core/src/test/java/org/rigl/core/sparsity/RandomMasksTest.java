package org.rigl.core.sparsity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("fast")
class RandomMasksTest {

  private static long[] parseShape(String text) {
    return Arrays.stream(text.split("x")).mapToLong(Long::parseLong).toArray();
  }

  private static int ones(float[] mask) {
    int n = 0;
    for (float v : mask) {
      if (v == 1f) {
        n++;
      } else {
        assertEquals(0f, v);
      }
    }
    return n;
  }

  /** testMaskFraction: (30,4) 0.5 → 60; (1,2,1,4) 0.8 → 2; (30,) 0.1 → 27 (3.0000000000000004 floors to 3). */
  @ParameterizedTest
  @CsvSource({"30x4, 0.5, 60", "1x2x1x4, 0.8, 2", "30, 0.1, 27"})
  void maskFraction(String shape, double sparsity, int expectedOnes) {
    float[] mask = RandomMasks.randomMask(parseShape(shape), sparsity, 123L);
    assertEquals(SparsityCounts.numElements(parseShape(shape)), mask.length);
    assertEquals(expectedOnes, ones(mask));
  }

  /** testMaskConnectionDeterminism, plus: the same seed gives the same mask. */
  @ParameterizedTest
  @CsvSource({"30x40, 0.5", "1x2x1x4, 0.8", "3, 0.1"})
  void maskConnectionDeterminism(String shape, double sparsity) {
    float[] first = RandomMasks.randomMask(parseShape(shape), sparsity, 7L);
    float[] second = RandomMasks.randomMask(parseShape(shape), sparsity, 99L);
    assertEquals(ones(first), ones(second));
    assertArrayEquals(first, RandomMasks.randomMask(parseShape(shape), sparsity, 7L));
  }

  @Test
  void differentSeedsShuffleDifferently() {
    long[] shape = {30, 40};
    assertFalse(Arrays.equals(RandomMasks.randomMask(shape, 0.5, 1L), RandomMasks.randomMask(shape, 0.5, 2L)));
    assertFalse(Arrays.equals(RandomMasks.randomMask(shape, 0.5, 1L, "layer1"),
        RandomMasks.randomMask(shape, 0.5, 1L, "layer2")));
  }

  /** Pinned FNV-1a values (computed independently in Python) keep seeds stable across processes. */
  @Test
  void layerSeedIsFnv1aOfSeedBytesAndName() {
    assertEquals(-9210387132351696987L, RandomMasks.layerSeed(0L, "layer1"));
    assertEquals(-4613972112143215858L, RandomMasks.layerSeed(42L, "resnet_model/initial_conv"));
    assertEquals(-8289690350564177859L, RandomMasks.layerSeed(-1L, ""));
  }

  @Test
  void randomMasksSeedsByLayerScope() {
    List<MaskSpec> masks = List.of(new MaskSpec("a/mask:0", new long[] {4, 5}), new MaskSpec("b/mask", new long[] {6}));
    Map<String, Double> sparsities = Map.of("a/mask:0", 0.5, "b/mask", 0.5);
    Map<String, float[]> result = RandomMasks.randomMasks(masks, sparsities, 3L);
    assertEquals(List.of("a/mask:0", "b/mask"), List.copyOf(result.keySet()));
    assertArrayEquals(RandomMasks.randomMask(new long[] {4, 5}, 0.5, 3L, "a"), result.get("a/mask:0"));
    assertArrayEquals(RandomMasks.randomMask(new long[] {6}, 0.5, 3L, "b"), result.get("b/mask"));
    assertEquals(10, ones(result.get("a/mask:0")));
    assertEquals(3, ones(result.get("b/mask")));
  }
}
