package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench-lm} on a tiny model: one table row per method, ratios to the first, the command recorded. */
class BenchLmCommandTest {

  @Test
  void measuresEveryMethodAndAppendsTheTable(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("BENCH.md");
    Files.writeString(file, "# Benchmarks\n\nearlier section\n");
    CliRun c = CliRun.of("bench-lm", "--embedding_size=8", "--gru_layers=1",
        "--gru_units=16", "--readout_units=8", "--seq_len=8", "--train_batch_size=4", "--steps=3", "--warmup_steps=1",
        "--rounds=2", "--methods=baseline,rigl", "--write=" + file);
    assertEquals(0, c.exitCode(), c.err());
    String text = Files.readString(file);
    assertTrue(text.startsWith("# Benchmarks\n\nearlier section\n"), text);
    assertTrue(text.contains("Command: `./rigl bench-lm --embedding_size=8 --gru_layers=1"), text);
    assertTrue(text.contains("| baseline | ") && text.contains(" | 1.00 |"), text);
    Matcher rigl = Pattern.compile("\\| rigl \\| (\\d+) \\| (\\d+\\.\\d\\d) \\|").matcher(text);
    assertTrue(rigl.find(), text);
    assertTrue(Long.parseLong(rigl.group(1)) > 0 && Double.parseDouble(rigl.group(2)) > 0, text);
    assertEquals(2, c.err().lines().filter(l -> l.contains(" rigl ") && l.endsWith("tokens/s")).count(), c.err());
  }
}
