package org.rigl.core.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SparsityCountsTest {

  /** Zero counts computed with the reference's sparse_utils.get_n_zeros. */
  @ParameterizedTest
  @CsvSource({
      "1200, 0.5, 600",
      "8, 0.8, 6",
      "3, 0.1, 0",
      "1024, 0.9, 921",
      "235200, 0.98, 230496",
      "30000, 0.882, 26460",
      "10, 0.25, 2",
      // 0.1 * 30 = 3.0000000000000004 floors to 3 (testMaskFraction's third case).
      "30, 0.1, 3"
  })
  void nZerosFloorsInDoublePrecision(long size, double sparsity, long expected) {
    assertEquals(expected, SparsityCounts.nZeros(size, sparsity));
  }

  @Test
  void numElementsOfScalarIsOne() {
    assertEquals(1, SparsityCounts.numElements(new long[0]));
    assertEquals(8, SparsityCounts.numElements(new long[] {1, 2, 1, 4}));
  }
}
