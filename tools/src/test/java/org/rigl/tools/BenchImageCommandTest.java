package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench-image} on a tiny ResNet: a row per method, ratios to the first, nothing written but the table. */
class BenchImageCommandTest {
  private static final String[] TINY = {
    "--resnet_depth=18", "--width=0.125", "--image_size=32", "--num_label_classes=10", "--train_batch_size=4",
    "--steps=2", "--warmup_steps=1", "--rounds=2"
  };

  @Test
  void measuresEveryMethodOverTwoTowersAndAppendsTheTable(@TempDir Path dir) throws IOException {
    Path file = BenchmarkFile.create(dir);
    Path out = dir.resolve("never-written");
    CliRun c = CliRun.of(args("--methods=baseline,rigl", "--num_towers=2", "--output_dir=" + out, "--write=" + file));
    String text = BenchmarkFile.assertAppended(file, c, "[\\d.]+", "images/s");
    assertTrue(text.contains("## Image classifier training step (train-image), CPU ("), text);
    assertTrue(text.contains("Command: `./rigl bench-image --resnet_depth=18 --width=0.125"), text);
    assertTrue(text.contains("Model ResNet-18 width 0.125, 32x32 synthetic images, batch 4 over 2 tower(s)"), text);
    assertTrue(text.contains("(erdos_renyi_kernel)"), text);
    assertTrue(Files.notExists(out), "a benchmark writes no checkpoint or event file");
  }

  @Test
  void anUnknownMethodIsOneLineNamingTheValidOnes(@TempDir Path dir) {
    CliRun c = CliRun.of(args("--methods=baseline,rigel", "--output_dir=" + dir.resolve("out")));
    assertNotEquals(0, c.exitCode());
    assertTrue(c.err().contains("rigel") && c.err().contains("rigl"), c.err());
  }

  private static String[] args(String... extra) {
    String[] all = new String[TINY.length + extra.length + 1];
    all[0] = "bench-image";
    System.arraycopy(TINY, 0, all, 1, TINY.length);
    System.arraycopy(extra, 0, all, TINY.length + 1, extra.length);
    return all;
  }
}
