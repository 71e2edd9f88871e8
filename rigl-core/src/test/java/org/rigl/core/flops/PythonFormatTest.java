package org.rigl.core.flops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Expected strings are what CPython's '%.Nf' prints. */
@Tag("fast")
class PythonFormatTest {

  @Test
  void roundsTheExactBinaryValue() {
    assertEquals("3.075", PythonFormat.fixed(24604000.0 / 8e6, 3));
    assertEquals("0.12", PythonFormat.fixed(0.125, 2));
    assertEquals("0.38", PythonFormat.fixed(0.375, 2));
    assertEquals("0.900000", PythonFormat.fixed(0.9, 6));
    assertEquals("8202.341", PythonFormat.fixed(8202.340776, 3));
    assertEquals("0.000", PythonFormat.fixed(0.0, 3));
  }
}
