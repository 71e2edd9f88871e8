package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
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
}
