package org.rigl.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values of the reference's {@code _make_divisible}, computed with Python. */
@Tag("fast")
class MakeDivisibleTest {

  @ParameterizedTest
  @CsvSource({"8.0, 8, 8", "11.2, 8, 16", "16, 1, 16", "960.0, 8, 960", "307, 8, 304", "12, 8, 16", "13, 8, 16",
    "100, 8, 104", "3.9, 8, 8"})
  void matchesTheReference(double value, int divisor, int expected) {
    assertEquals(expected, MakeDivisible.of(value, divisor));
  }
}
