package org.rigl.tools.model;

/** The {@code --format} flag of listing commands. */
final class OutputFormat {
  private OutputFormat() {}

  static void check(String format) {
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException("--format: '" + format + "' is not valid (valid: text, json)");
    }
  }
}
