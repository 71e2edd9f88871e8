package org.rigl.core.train.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.rigl.core.checkpoint.OutputFolderLock;

/**
 * A training run's hold on its output folder: the folder's {@link OutputFolderLock} for the whole
 * run, taken before the session is built so that a second trainer is refused at once. A run that
 * ends having written nothing (bad input found while building the graph) leaves no trace: the lock
 * file it created goes, and the folder too if the run created it.
 */
final class OutputFolderClaim implements AutoCloseable {
  private final Path folder;
  private final boolean createdFolder;
  private final boolean createdLockFile;
  private final OutputFolderLock lock;

  private OutputFolderClaim(Path folder, boolean createdFolder, boolean createdLockFile, OutputFolderLock lock) {
    this.folder = folder;
    this.createdFolder = createdFolder;
    this.createdLockFile = createdLockFile;
    this.lock = lock;
  }

  /** Locks {@code folder}; throws the lock's one-line refusal if another run holds it. */
  static OutputFolderClaim claim(Path folder) throws IOException {
    boolean folderExisted = Files.exists(folder);
    boolean lockFileExisted = Files.exists(folder.resolve(OutputFolderLock.FILE_NAME));
    OutputFolderLock lock = OutputFolderLock.acquire(folder);
    return new OutputFolderClaim(folder, !folderExisted, !lockFileExisted, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      if (createdLockFile && holdsOnlyTheLockFile()) {
        Files.deleteIfExists(folder.resolve(OutputFolderLock.FILE_NAME));
        if (createdFolder) {
          Files.deleteIfExists(folder);
        }
      }
    } finally {
      lock.close();
    }
  }

  private boolean holdsOnlyTheLockFile() throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      List<Path> all = entries.limit(2).toList();
      return all.size() == 1 && all.get(0).getFileName().toString().equals(OutputFolderLock.FILE_NAME);
    }
  }
}
