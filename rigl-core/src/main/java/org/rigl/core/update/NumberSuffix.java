package org.rigl.core.update;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Port of the reference's {@code extract_number}: the number after the last '_' (default 1). */
public final class NumberSuffix {
  private static final Pattern TRAILING_NUMBER = Pattern.compile(".*_(\\d*\\.?\\d*)$");

  private NumberSuffix() {}

  /** "foo_.5" → 0.5, "foo_0.5" → 0.5, "foo_4" → 4.0, "foo" → 1.0. */
  public static double extract(String token) {
    Matcher m = TRAILING_NUMBER.matcher(token);
    if (m.matches()) {
      String digits = m.group(1);
      try {
        return Double.parseDouble(digits);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + token + "' does not end in a number after '_'");
      }
    }
    return 1.0;
  }
}
