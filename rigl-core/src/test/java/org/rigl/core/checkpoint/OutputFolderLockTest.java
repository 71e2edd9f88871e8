package org.rigl.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderLockTest {
  @Test
  void aSecondRunInThisProcessIsRefusedUntilTheFirstEnds(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("run");
    try (OutputFolderLock first = OutputFolderLock.acquire(out)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputFolderLock.acquire(out));
      assertTrue(e.getMessage().startsWith("output folder " + out + " is in use by another run (pid "
          + ProcessHandle.current().pid() + " on host "), e.getMessage());
      assertEquals(out, first.folder());
    }
    OutputFolderLock.acquire(out).close();
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anotherProcessIsRefusedAndAKilledHolderReleasesTheFolder(@TempDir Path dir) throws Exception {
    Process holder = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            LockHolderMain.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputFolderLock.acquire(dir));
      assertTrue(e.getMessage().contains(dir + " is in use by another run (pid " + holder.pid() + " on host "),
          e.getMessage());
      assertTrue(e.getMessage().contains(" since "), e.getMessage());
    } finally {
      holder.destroyForcibly();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
    }
    OutputFolderLock.acquire(dir).close();
  }
}
