package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.checkpoint.OutputFolderLock;

/** One writer per output folder: a second trainer on a folder another process is training in is refused at once. */
class TwoWritersTest {
  private static final String FASHION_SUBSET = System.getProperty("rigl.root") + "/data/fashion-mnist-subset";

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aSecondTrainerIsRefusedWhileTheFirstCompletes(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    List<String> train = List.of("train-mnist", "--mnist=" + FASHION_SUBSET, "--training_method=rigl",
        "--train_steps=2000", "--batch_size=50", "--save_path=" + out, "--seed=1");
    Process first = new ProcessBuilder(childCommand(train))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve("first.err").toFile())
        .start();
    try {
      waitUntilLocked(out, first);
      CliRun second = CliRun.of(train.toArray(String[]::new));
      assertEquals(2, second.exitCode(), second.err());
      assertEquals(1, second.err().lines().count(), second.err());
      assertTrue(second.err().startsWith("rigl: error: output folder " + out + " is in use by another run (pid "
          + first.pid() + " on host "), second.err());
      assertTrue(first.waitFor(240, TimeUnit.SECONDS), "the first run finishes");
      assertEquals(0, first.exitValue(), Files.readString(dir.resolve("first.err")));
      assertTrue(Files.isRegularFile(out.resolve("model.ckpt.index")));
    } finally {
      first.destroyForcibly();
      first.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> childCommand(List<String> args) {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-Drigl.root=" + System.getProperty("rigl.root"), "-cp", System.getProperty("java.class.path"),
        Rigl.class.getName()));
    command.addAll(args);
    return command;
  }

  /** Waits until the child holds the folder's lock: it records itself in the lock file once it holds it. */
  private static void waitUntilLocked(Path out, Process child) throws IOException, InterruptedException {
    Path lockFile = out.resolve(OutputFolderLock.FILE_NAME);
    while (true) {
      assertTrue(child.isAlive(), "the first run ended before it was seen holding the folder");
      if (Files.isRegularFile(lockFile) && Files.readString(lockFile).startsWith("pid " + child.pid() + " ")) {
        return;
      }
      Thread.sleep(20);
    }
  }
}
