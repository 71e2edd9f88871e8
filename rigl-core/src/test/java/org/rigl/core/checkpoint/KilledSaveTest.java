package org.rigl.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real kills (SIGKILL) of a process saving in a loop, at seeded moments: afterwards both folders'
 * latest checkpoints load with valid checksums, and a new writer continues from them.
 */
class KilledSaveTest {
  private static final int KILLS = 3;

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyLatestCheckpointLoadsAfterAKill(@TempDir Path dir) throws Exception {
    Random random = new Random(11);
    long lastSaved = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process child = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("java.class.path"),
              SaveLoopMain.class.getName(), dir.toString(), Long.toString(lastSaved))
          .redirectError(dir.resolve("child-stderr.log").toFile())
          .start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("saved "),
            () -> "child failed: " + line + "\n" + readLog(dir.resolve("child-stderr.log")));
        Thread.sleep(random.nextInt(150));
      } finally {
        child.destroyForcibly(); // SIGKILL
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      }

      long fixedStep = StepModel.verifiedStep(new CheckpointManager(dir.resolve("fixed"), 0).latest().orElseThrow());
      long stepsStep = StepModel.verifiedStep(new CheckpointManager(dir.resolve("steps"), 0).latest().orElseThrow());
      assertTrue(fixedStep > lastSaved, fixedStep + " after " + lastSaved);
      // The step checkpoint of a round is saved after its fixed-name one.
      assertTrue(stepsStep == fixedStep || stepsStep == fixedStep - 1, fixedStep + " vs " + stepsStep);
      lastSaved = fixedStep;
    }
    try (StepModel model = new StepModel(200_000)) {
      CheckpointManager fixed = new CheckpointManager(dir.resolve("fixed"), 0);
      fixed.saveAs(model.session, model.at(lastSaved + 1).saver, CheckpointManager.BASENAME);
      assertEquals(lastSaved + 1, StepModel.verifiedStep(fixed.latest().orElseThrow()));
      try (Stream<Path> left = Files.list(dir.resolve("fixed"))) {
        assertEquals(3, left.count(), "a writer clears what the killed ones left");
      }
    }
  }

  private static String readLog(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
