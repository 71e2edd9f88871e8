package org.rigl.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File operations whose effect survives a power loss or a killed process: contents and folder
 * entries are flushed to the disk (fsync) before a rename makes them visible, as a commit needs.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /** Flushes a file's contents and metadata to the disk. */
  public static void syncFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Flushes a folder's entries (the names created, renamed or deleted in it) to the disk. Some
   * platforms cannot open a folder for this; there renames are as durable as the platform makes them.
   */
  public static void syncFolder(Path folder) throws IOException {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (FileSystemException | UnsupportedOperationException e) {
      // Not supported for folders here (e.g. Windows): nothing more can be done.
    } catch (IOException e) {
      if (!Files.isDirectory(folder)) {
        throw e;
      }
    }
  }

  /** Renames {@code from} to {@code to} in one step, replacing {@code to}. */
  public static void rename(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Writes {@code bytes} to {@code temporary}, flushes it and renames it to {@code file}. */
  public static void writeAtomically(Path file, Path temporary, byte[] bytes) throws IOException {
    try {
      Files.write(temporary, bytes);
      syncFile(temporary);
      rename(temporary, file);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    syncFolder(file.toAbsolutePath().getParent());
  }
}
