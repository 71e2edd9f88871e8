package org.rigl.models;

/** Port of MobileNet's {@code _make_divisible(v, divisor, min_value=None)}. */
final class MakeDivisible {
  private MakeDivisible() {}

  /** {@code v} rounded to a multiple of {@code divisor}, never below it nor 10% below {@code v}. */
  static int of(double v, int divisor) {
    int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
    if (rounded < 0.9 * v) {
      rounded += divisor;
    }
    return rounded;
  }
}
