package org.rigl.core.flops;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers printed as the reference's notebooks print them. Python's {@code '%.Nf'} rounds the exact binary value
 * (ties to even); Java's {@code %.Nf} rounds the shortest decimal representation half up, so a size of
 * 3.0755 Mbytes (really 3.07549999...) prints as 3.075 in the colab but 3.076 with String.format.
 */
public final class PythonFormat {

  private PythonFormat() {}

  /** Python's {@code '%.<decimals>f' % value}. */
  public static String fixed(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
    }
    return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
  }
}
