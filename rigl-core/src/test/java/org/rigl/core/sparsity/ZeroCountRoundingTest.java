package org.rigl.core.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ZeroCountRoundingTest {

  @Test
  void roundsTheDoubleProduct() {
    assertEquals(2, ZeroCountRounding.FLOOR.nZeros(10, 0.25));
    assertEquals(3, ZeroCountRounding.CEIL.nZeros(10, 0.25));
    // 0.1 * 3 = 0.30000000000000004
    assertEquals(3, ZeroCountRounding.CEIL.nZeros(30, 0.1));
    assertEquals(1, ZeroCountRounding.CEIL.nZeros(3, 0.1));
    assertEquals(6, ZeroCountRounding.FLOOR.nZeros(8, 0.8));
    assertEquals(7, ZeroCountRounding.CEIL.nZeros(8, 0.8));
    assertEquals(600, ZeroCountRounding.CEIL.nZeros(1200, 0.5));
    assertEquals(0, ZeroCountRounding.CEIL.nZeros(1200, 0.0));
  }

  /**
   * Masks (2,3) and (2,3) at 0.3: floor leaves 1 zero per layer (density 5/6), ceil 2 (density 2/3).
   * Rounding does not affect uniform sparsities.
   */
  @Test
  void sizesTheErdosRenyiBudget() {
    List<MaskSpec> masks = List.of(new MaskSpec("a", new long[] {2, 3}), new MaskSpec("b", new long[] {2, 3}));
    Map<String, Double> floor = Sparsities.compute(masks, "erdos_renyi", 0.3, Map.of(), 1.0, Function.identity(),
        ZeroCountRounding.FLOOR);
    Map<String, Double> ceil = Sparsities.compute(masks, "erdos_renyi", 0.3, Map.of(), 1.0, Function.identity(),
        ZeroCountRounding.CEIL);
    assertEquals(1.0 / 6, floor.get("a"), 1e-15);
    assertEquals(1.0 / 3, ceil.get("b"), 1e-15);
    assertEquals(floor, Sparsities.compute(masks, "erdos_renyi", 0.3, Map.of(), 1.0, Function.identity()));
    assertEquals(Map.of("a", 0.3, "b", 0.3), Sparsities.compute(masks, "random", 0.3, Map.of(), 1.0,
        Function.identity(), ZeroCountRounding.CEIL));
  }
}
