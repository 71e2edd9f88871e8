package org.rigl.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A set of output files that appears in a directory all together or not at all: files are written
 * into a hidden staging folder inside the directory, {@link #commit()} flushes them to the disk and
 * moves them into place, and {@link #close()} without a commit deletes the staging folder.
 *
 * <p>Used by converters whose outputs only make sense as a whole (e.g. {@code train-*-of-01024}
 * shards): a conversion that fails half-way must not leave a partial set that a reader would take
 * for the complete data set. Each move is a rename within one directory, so a commit takes moments.
 */
public final class StagedOutputDirectory implements Closeable {
  private final Path directory;
  private final Path staging;
  private boolean committed;

  private StagedOutputDirectory(Path directory, Path staging) {
    this.directory = directory;
    this.staging = staging;
  }

  /** Creates {@code directory} if needed and a fresh staging folder inside it. */
  public static StagedOutputDirectory in(Path directory) throws IOException {
    Path target = directory.toAbsolutePath().normalize();
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new IllegalArgumentException("output directory " + directory + " is a file, not a directory");
    }
    Files.createDirectories(target);
    return new StagedOutputDirectory(target, Files.createTempDirectory(target, ".staging-"));
  }

  /** Where to write the output file {@code name}; it appears in the directory on {@link #commit()}. */
  public Path file(String name) {
    Path file = staging.resolve(name).normalize();
    if (!file.getParent().equals(staging)) {
      throw new IllegalArgumentException("output file name '" + name + "' is not a plain file name");
    }
    return file;
  }

  /** The directory the files are committed to. */
  public Path directory() {
    return directory;
  }

  /** Moves every staged file into the directory, replacing files of the same name. */
  public void commit() throws IOException {
    if (committed) {
      return;
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(staging)) {
      files = new ArrayList<>(listing.sorted().toList());
    }
    for (Path file : files) {
      DurableFiles.syncFile(file);
    }
    for (Path file : files) {
      DurableFiles.rename(file, directory.resolve(file.getFileName()));
    }
    Files.delete(staging);
    DurableFiles.syncFolder(directory);
    committed = true;
  }

  /** Deletes the staging folder and whatever it holds, unless committed. Idempotent. */
  @Override
  public void close() throws IOException {
    if (committed || !Files.exists(staging)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(staging)) {
      tree.sorted(Comparator.reverseOrder()).forEach(StagedOutputDirectory::delete);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
