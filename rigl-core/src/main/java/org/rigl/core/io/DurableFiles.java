package org.rigl.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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

  /** Writes a file's whole content to the path it is given. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path file) throws IOException;
  }

  /**
   * Replaces {@code file} with {@code text} (UTF-8) so that a reader or a crash sees the old file or
   * the new one, never a part: see {@link #replace}.
   */
  public static void writeAtomically(Path file, String text) throws IOException {
    writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces {@code file} with {@code bytes}, as {@link #replace}. */
  public static void writeAtomically(Path file, byte[] bytes) throws IOException {
    replace(file, temporary -> Files.write(temporary, bytes));
  }

  /**
   * Replaces {@code file} with what {@code content} writes: written under a temporary name unique to
   * this process ({@link TemporaryNames}, so two writers never share one and a dead writer's leftover
   * can be recognised), flushed, renamed over {@code file}, and the folder flushed.
   */
  public static void replace(Path file, Content content) throws IOException {
    Path temporary = file.resolveSibling(TemporaryNames.next(file.getFileName().toString()));
    try {
      content.writeTo(temporary);
      syncFile(temporary);
      rename(temporary, file);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    syncFolder(file.toAbsolutePath().getParent());
  }
}
