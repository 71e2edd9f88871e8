package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench-lm} on a tiny model: one table row per method, ratios to the first, the command recorded. */
class BenchLmCommandTest {

  @Test
  void measuresEveryMethodAndAppendsTheTable(@TempDir Path dir) throws IOException {
    Path file = BenchmarkFile.create(dir);
    CliRun c = CliRun.of("bench-lm", "--embedding_size=8", "--gru_layers=1",
        "--gru_units=16", "--readout_units=8", "--seq_len=8", "--train_batch_size=4", "--steps=3", "--warmup_steps=1",
        "--rounds=2", "--methods=baseline,rigl", "--write=" + file);
    String text = BenchmarkFile.assertAppended(file, c, "\\d+", "tokens/s");
    assertTrue(text.contains("Command: `./rigl bench-lm --embedding_size=8 --gru_layers=1"), text);
  }

  @Test
  void dynamicMethodsRunUnderEveryComputeMode(@TempDir Path dir) throws IOException {
    Path file = BenchmarkFile.create(dir);
    CliRun c = CliRun.of("bench-lm", "--embedding_size=8", "--gru_layers=1", "--gru_units=16", "--readout_units=8",
        "--seq_len=8", "--train_batch_size=4", "--steps=2", "--warmup_steps=1", "--rounds=1",
        "--methods=baseline,rigl", "--sparse_compute=masked,sparse", "--write=" + file);
    assertEquals(0, c.exitCode(), c.err());
    String text = Files.readString(file);
    assertTrue(text.contains("| baseline | ") && text.contains(" | 1.00 |"), text);
    for (String row : List.of("rigl/masked", "rigl/sparse")) {
      Matcher m = Pattern.compile("\\| " + row + " \\| (\\d+) \\| (\\d+\\.\\d\\d) \\|").matcher(text);
      assertTrue(m.find(), row + " in " + text);
      assertTrue(Double.parseDouble(m.group(1)) > 0 && Double.parseDouble(m.group(2)) > 0, text);
    }
    assertFalse(text.contains("baseline/"), "baseline computes masked only: " + text);
    assertTrue(text.contains("--sparse_compute=masked,sparse"), text);
    assertFalse(Files.exists(Path.of("run_description.properties")), "the sessions wrote into the working directory");
  }
}
