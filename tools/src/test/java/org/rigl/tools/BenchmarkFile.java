package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A markdown file that a benchmark command appends its table to, and what every such table shows. */
final class BenchmarkFile {
  private static final String EARLIER = "# Benchmarks\n\nearlier section\n";

  private BenchmarkFile() {}

  /** A file with an earlier section that the table must leave as it is. */
  static Path create(Path dir) throws IOException {
    return Files.writeString(dir.resolve("BENCH.md"), EARLIER);
  }

  /**
   * The run succeeded and appended a table with baseline at ratio 1.00 and a positive rate and
   * ratio for rigl, whose rate in {@code unit} the run logged once per round (two rounds).
   */
  static String assertAppended(Path file, CliRun run, String rate, String unit) throws IOException {
    assertEquals(0, run.exitCode(), run.err());
    String text = Files.readString(file);
    assertTrue(text.startsWith(EARLIER), text);
    assertTrue(text.contains("| baseline | ") && text.contains(" | 1.00 |"), text);
    Matcher rigl = Pattern.compile("\\| rigl \\| (" + rate + ") \\| (\\d+\\.\\d\\d) \\|").matcher(text);
    assertTrue(rigl.find(), text);
    assertTrue(Double.parseDouble(rigl.group(1)) > 0 && Double.parseDouble(rigl.group(2)) > 0, text);
    assertEquals(2, run.err().lines().filter(l -> l.contains(" rigl ") && l.endsWith(unit)).count(), run.err());
    return text;
  }
}
