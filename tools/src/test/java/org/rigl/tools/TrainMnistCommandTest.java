package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainMnistCommandTest {

  @Test
  void pruningReachesTheTargetsAndLogsLikeTheReference(@TempDir Path tmp) throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    QuickstartCommandTest.writeIdx(data, "train", 1000, 3);
    QuickstartCommandTest.writeIdx(data, "t10k", 300, 4);
    CliRun run = CliRun.of("train-mnist", "--mnist=" + data, "--save_path=" + tmp.resolve("out"), "--training_method=prune",
        "--num_epochs=3", "--prune_begin_step=5", "--prune_end_step=20", "--pruning_frequency=5");
    assertEquals(0, run.exitCode(), run.err());
    String[] lines = run.out().split("\n");
    assertEquals("Epoch,Iteration,Test loss,Test accuracy,G_Sparsity,Sparsity Layer 0,Sparsity Layer 1", lines[0]);
    // 1000 images / batch 100 = 10 steps an epoch; at epoch 2 (iteration 29) pruning is complete.
    String last = run.out().lines().filter(l -> l.startsWith("2, 29, ")).findFirst().orElseThrow();
    String[] fields = last.split(", ");
    assertEquals("0.9800", fields[5], last);
    assertEquals("0.8820", fields[6], last);
    assertTrue(run.out().contains("[COMPRESSED SPARSITIES/SHAPE]: ["), run.out());
    assertTrue(Files.exists(tmp.resolve("out/model.ckpt-30.index")));
  }

  @Test
  void badFlagValuesAreNamed(@TempDir Path tmp) {
    CliRun optimizer = CliRun.of("train-mnist", "--mnist=" + tmp, "--optimizer=rmsprop");
    assertEquals(2, optimizer.exitCode());
    assertTrue(optimizer.err().contains("rmsprop") && optimizer.err().contains("adam"), optimizer.err());
    CliRun method = CliRun.of("train-mnist", "--mnist=" + tmp, "--training_method=dnw");
    assertEquals(2, method.exitCode());
    assertTrue(method.err().contains("'dnw'"), method.err());
  }
}
