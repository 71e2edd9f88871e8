package org.rigl.core.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SparsityDistributionTest {

  @Test
  void parsesFlagNames() {
    assertEquals(SparsityDistribution.RANDOM, SparsityDistribution.parse("random"));
    assertEquals(SparsityDistribution.ERDOS_RENYI, SparsityDistribution.parse("erdos_renyi"));
    assertEquals(SparsityDistribution.ERDOS_RENYI_KERNEL, SparsityDistribution.parse("erdos_renyi_kernel"));
    assertEquals(SparsityDistribution.STR, SparsityDistribution.parse("str"));
  }

  @Test
  void unknownNameListsValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SparsityDistribution.parse("Random"));
    assertEquals("Method: Random is not valid mask initialization method; valid methods: "
        + "random, erdos_renyi, erdos_renyi_kernel, str", e.getMessage());
  }
}
