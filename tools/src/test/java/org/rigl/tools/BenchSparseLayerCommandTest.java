package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench-sparse-layer} on tiny shapes: one row per shape, a ratio pair per sparsity. */
class BenchSparseLayerCommandTest {

  @Test
  void measuresEveryShapeAndAppendsTheTable(@TempDir Path dir) throws IOException {
    Path file = BenchmarkFile.create(dir);
    CliRun c = CliRun.of("bench-sparse-layer", "--shapes=8x16x12,4x32x8", "--sparsities=0.5,0.9",
        "--intra_op_threads=2", "--routes=tf", "--steps=2", "--warmup_steps=1", "--rounds=2", "--write=" + file);
    assertEquals(0, c.exitCode(), c.err());
    String text = Files.readString(file);
    assertTrue(text.startsWith("# Benchmarks\n\nearlier section\n"), text);
    assertTrue(text.contains("Command: `./rigl bench-sparse-layer --shapes=8x16x12,4x32x8"), text);
    assertTrue(text.contains("| threads | layer | dense ms, fwd / bwd | route | 0.5 fwd / bwd | 0.9 fwd / bwd |"), text);
    Pattern row = Pattern.compile("\\| 2 \\| \\[\\d+, \\d+→\\d+\\] \\| \\d+\\.\\d\\d / \\d+\\.\\d\\d \\| tf "
        + "\\| \\d+\\.\\d\\d / \\d+\\.\\d\\d \\| \\d+\\.\\d\\d / \\d+\\.\\d\\d \\|");
    assertEquals(2, text.lines().filter(l -> row.matcher(l).matches()).count(), text);
    assertEquals(4, c.err().lines().filter(l -> l.startsWith("threads ")).count(), c.err());
  }

  @Test
  void measuresTheNativeRouteBesideTheTfRouteOrSaysWhyNot(@TempDir Path dir) throws IOException {
    Path file = BenchmarkFile.create(dir);
    CliRun c = CliRun.of("bench-sparse-layer", "--shapes=8x16x12", "--sparsities=0.9", "--intra_op_threads=1",
        "--steps=2", "--warmup_steps=1", "--rounds=1", "--write=" + file);
    assertEquals(0, c.exitCode(), c.err());
    String text = Files.readString(file);
    assertTrue(text.contains("| 1 | [8, 16→12] | "), text);
    assertTrue(text.lines().anyMatch(l -> l.contains(" | tf | ")), text);
    assertTrue(text.lines().anyMatch(l -> l.contains(" | native | ")) || text.contains("Native route skipped: "), text);
  }

  @Test
  void rejectsAMalformedShape() {
    CliRun c = CliRun.of("bench-sparse-layer", "--shapes=8x16");
    assertTrue(c.exitCode() != 0);
    assertTrue(c.err().contains("BATCHxINxOUT"), c.err());
  }
}
