package org.rigl.core.flags;

import java.nio.file.Path;
import java.util.List;

/**
 * The common checks of flag values, each failing with one line that names the flag, the values it
 * accepts and the value given. NaN and infinities fail every numeric range check.
 */
public final class FlagChecks {
  /** The largest batch any driver accepts: larger ones only exhaust memory or stall the input pipeline. */
  public static final int MAX_BATCH_SIZE = 1 << 16;

  private FlagChecks() {}

  public static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public static long positive(String flag, long value) {
    check(value > 0, flag + " must be positive, got " + value);
    return value;
  }

  /** A finite number above 0. */
  public static double positive(String flag, double value) {
    check(value > 0 && Double.isFinite(value), flag + " must be a positive number, got " + value);
    return value;
  }

  public static long nonNegative(String flag, long value) {
    check(value >= 0, flag + " must be >= 0, got " + value);
    return value;
  }

  /** A finite number of 0 or more. */
  public static double nonNegative(String flag, double value) {
    check(value >= 0 && Double.isFinite(value), flag + " must be a number >= 0, got " + value);
    return value;
  }

  /** A value in [min, max]. */
  public static long inRange(String flag, long value, long min, long max) {
    check(value >= min && value <= max, flag + " must be in [" + min + ", " + max + "], got " + value);
    return value;
  }

  /** A number in [min, max]. */
  public static double inRange(String flag, double value, double min, double max) {
    check(value >= min && value <= max, flag + " must be in [" + min + ", " + max + "], got " + value);
    return value;
  }

  /** A number in [0, 1), such as a sparsity or a label smoothing. */
  public static double fraction(String flag, double value) {
    check(value >= 0 && value < 1, flag + " must be in [0, 1), got " + value);
    return value;
  }

  /** A batch size in [1, {@link #MAX_BATCH_SIZE}]. */
  public static int batchSize(String flag, int value) {
    return (int) inRange(flag, value, 1, MAX_BATCH_SIZE);
  }

  public static String oneOf(String flag, String value, List<String> valid) {
    check(valid.contains(value), flag + ": '" + value + "' is not valid (valid: " + String.join(", ", valid) + ")");
    return value;
  }

  /** A path that names something: an empty value would silently mean the current folder. */
  public static Path nonEmpty(String flag, Path value) {
    check(value == null || !value.toString().isEmpty(), flag + " must not be empty (valid: a path)");
    return value;
  }
}
