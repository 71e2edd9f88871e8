package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedSpreadTest {

  @Test
  void meanAndSampleStandardDeviation() {
    SeedSpread s = SeedSpread.of(List.of(0.80, 0.85, 0.90));
    assertEquals(3, s.seeds());
    assertEquals(0.85, s.mean(), 1e-12);
    // sqrt(((0.05)^2 + 0 + (0.05)^2) / (3 - 1)) = 0.05
    assertEquals(0.05, s.std(), 1e-12);
  }

  @Test
  void oneSeedHasNoSpread() {
    SeedSpread s = SeedSpread.of(List.of(0.7));
    assertEquals(0.7, s.mean(), 0);
    assertEquals(0, s.std(), 0);
  }

  @Test
  void noValuesIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> SeedSpread.of(List.of()));
  }
}
