package org.rigl.core.flops;

/**
 * Counts for one op: bits to store its parameters (sparse kernel + 1-bit mask when sparse + dense bias) and the
 * multiplications and additions per input sample. Values are doubles because sparse counts are fractional.
 */
public record OpCount(double paramBits, double mults, double adds) {

  /** FLOPs as the reference reports them: multiplications plus additions. */
  public double flops() {
    return mults + adds;
  }
}
