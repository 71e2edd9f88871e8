package org.rigl.core.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** auto's per-layer rule at its edges, and the modes that ignore it. */
@Tag("fast")
class SparseRouteRuleTest {
  private static final double SMALL = 100.0 * 784 * 300;
  private static final double LARGE = 3200.0 * 512 * 1024;

  @Test
  void maskedAndSparseIgnoreTheLayer() {
    assertFalse(SparseRouteRule.sparse(SparseComputeMode.MASKED, 0.99, LARGE, true));
    assertTrue(SparseRouteRule.sparse(SparseComputeMode.SPARSE, 0.0, SMALL, false));
  }

  @Test
  void autoTakesEveryLayerFromTheThresholdAndLargeOnesANotchBelowWithNativeKernels() {
    assertTrue(SparseRouteRule.sparse(SparseComputeMode.AUTO, 0.925, SMALL, false));
    assertFalse(SparseRouteRule.sparse(SparseComputeMode.AUTO, 0.92, SMALL, true));
    assertTrue(SparseRouteRule.sparse(SparseComputeMode.AUTO, 0.9, LARGE, true));
    assertFalse(SparseRouteRule.sparse(SparseComputeMode.AUTO, 0.9, LARGE, false));
    assertFalse(SparseRouteRule.sparse(SparseComputeMode.AUTO, 0.899, LARGE, true));
  }

  @Test
  void onlyLargeProductsSplitOverThreads() {
    assertEquals(1, SparseRouteRule.threads(SMALL, 2));
    assertEquals(2, SparseRouteRule.threads(LARGE, 2));
    assertEquals(1, SparseRouteRule.threads(LARGE, 0));
  }

  @Test
  void aModeIsParsedFromItsFlagValue() {
    assertEquals(SparseComputeMode.AUTO, SparseComputeMode.parse("auto"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparseComputeMode.parse("dense"));
    assertEquals("--sparse_compute: 'dense' is not one of masked, sparse, auto", e.getMessage());
  }
}
