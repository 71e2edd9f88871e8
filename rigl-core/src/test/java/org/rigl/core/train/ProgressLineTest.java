package org.rigl.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Progress on a terminal redraws one line; into a log it writes a full line every 30 s and at the end. */
@Tag("fast")
class ProgressLineTest {
  private static final long SECOND = 1_000_000_000L;

  private static String run(boolean interactive, long[] seconds, long total) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long[] now = {0};
    ProgressLine p = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), "train", total, interactive,
        () -> now[0]);
    for (int i = 0; i < seconds.length; i++) {
      now[0] = seconds[i] * SECOND;
      p.update(i + 1, "images", 10, "loss 1.000");
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aLogGetsAFullLineEveryThirtySecondsAndTheLastStep() {
    String log = run(false, new long[] {1, 10, 31, 45, 62, 70}, 6);
    List<String> lines = log.lines().toList();
    assertEquals(List.of(
        "train step 1/6  10 images/s  ETA 0:05  loss 1.000",
        "train step 3/6  1 images/s  ETA 0:31  loss 1.000",
        "train step 5/6  1 images/s  ETA 0:12  loss 1.000",
        "train step 6/6  1 images/s  ETA 0:00  loss 1.000"), lines);
    assertFalse(log.contains("\r"));
  }

  @Test
  void aTerminalLineIsRedrawnAndEndsWithTheLastStep() {
    String out = run(true, new long[] {1, 2, 3}, 3);
    assertEquals(3, out.chars().filter(c -> c == '\r').count(), out);
    assertEquals(1, out.chars().filter(c -> c == '\n').count(), out);
    assertTrue(out.endsWith(System.lineSeparator()) && out.contains("train step 3/3"), out);
  }
}
