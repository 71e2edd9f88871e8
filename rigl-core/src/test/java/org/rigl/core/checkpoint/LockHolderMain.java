package org.rigl.core.checkpoint;

import java.nio.file.Path;

/** A child process for {@link OutputFolderLockTest}: holds a folder's lock until its input closes. */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    try (OutputFolderLock lock = OutputFolderLock.acquire(Path.of(args[0]))) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // Hold until the parent closes our input or kills us.
      }
    }
  }
}
