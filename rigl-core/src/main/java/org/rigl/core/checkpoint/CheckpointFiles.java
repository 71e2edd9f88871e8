package org.rigl.core.checkpoint;

import org.rigl.core.io.TemporaryNames;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.rigl.core.io.DurableFiles;

/**
 * The two files of a checkpoint {@code NAME} ({@code NAME.index}, {@code NAME.data-00000-of-00001})
 * and how a new pair replaces them so that a process killed at any moment leaves one complete pair
 * to load: the old one or the new one. Two files cannot be renamed in one step, so:
 *
 * <ol>
 *   <li>the new pair is written under a temporary name and flushed to the disk;
 *   <li>if {@code NAME} exists, the old pair gets a second name, {@code .previous.NAME.*} (hard
 *       links, or flushed copies where links are not supported): data first, index last;
 *   <li>{@code NAME.index} is deleted, then the new data and the new index are renamed into place;
 *       the index rename is the commit;
 *   <li>(the caller writes the {@code checkpoint} state file here;)
 *   <li>the previous pair is deleted, index first.
 * </ol>
 *
 * <p>Hence {@code NAME.index} exists only while {@code NAME}'s data matches it, and {@code
 * .previous.NAME.index} exists only while the previous pair is complete. A reader takes {@code NAME}
 * if its index exists and the previous pair otherwise ({@link #loadable}); a writer first puts the
 * folder back into a clean state ({@link #recover}): the previous pair is dropped once {@code NAME}
 * is complete and moved back otherwise.
 */
final class CheckpointFiles {
  static final String INDEX = ".index";
  static final String DATA = ".data-00000-of-00001";
  static final String[] SUFFIXES = {INDEX, DATA};
  /**
   * Prefix of a previous pair's name: hidden, and keeping the name's end, so that callers reading a
   * step from the checkpoint name ({@code model.ckpt-STEP}) read the same step from it.
   */
  static final String PREVIOUS = ".previous.";

  /** Named moments of a replacement, where tests simulate a crash. */
  interface Step {
    Step NONE = stage -> {};

    void reached(String stage) throws IOException;
  }

  private final Path folder;
  private final Step step;

  CheckpointFiles(Path folder, Step step) {
    this.folder = folder;
    this.step = step;
  }

  /** The name of the pair kept while {@code name} is being replaced. */
  static String previous(String name) {
    return PREVIOUS + name;
  }

  static Path index(Path folder, String name) {
    return folder.resolve(name + INDEX);
  }

  static Path data(Path folder, String name) {
    return folder.resolve(name + DATA);
  }

  /** The prefix to load for the checkpoint {@code name}: it, or its previous pair mid-replacement. */
  static Path loadable(Path folder, String name) {
    // The state file may name a checkpoint by an absolute path or one in another folder.
    Path prefix = folder.resolve(name);
    Path previous = prefix.resolveSibling(previous(prefix.getFileName().toString()));
    if (!Files.isRegularFile(Path.of(prefix + INDEX)) && Files.isRegularFile(Path.of(previous + INDEX))) {
      return previous;
    }
    return prefix;
  }

  void reached(String stage) throws IOException {
    step.reached(stage);
  }

  /** Deletes every file of a failed save under {@code temporary} (including TensorFlow's own temporaries). */
  void deleteTemporary(String temporary) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        if (p.getFileName().toString().startsWith(temporary + ".")) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Flushes the pair written under {@code temporary} to the disk. */
  void sync(String temporary) throws IOException {
    for (String suffix : SUFFIXES) {
      DurableFiles.syncFile(folder.resolve(temporary + suffix));
    }
  }

  /** Makes the pair written under {@code temporary} the checkpoint {@code name} (steps 2 and 3). */
  void replace(String name, String temporary) throws IOException {
    String previous = previous(name);
    deletePair(previous);
    if (Files.isRegularFile(index(folder, name)) && Files.isRegularFile(data(folder, name))) {
      linkOrCopy(data(folder, name), data(folder, previous));
      step.reached("previous data kept");
      linkOrCopy(index(folder, name), index(folder, previous));
      DurableFiles.syncFolder(folder);
      step.reached("previous pair kept");
    }
    Files.deleteIfExists(index(folder, name));
    step.reached("old index deleted");
    DurableFiles.rename(data(folder, temporary), data(folder, name));
    step.reached("new data in place");
    DurableFiles.rename(index(folder, temporary), index(folder, name));
    DurableFiles.syncFolder(folder);
    step.reached("new index in place");
  }

  /** Deletes the previous pair of {@code name} once the new one is committed (step 5). */
  void dropPrevious(String name) throws IOException {
    deletePair(previous(name));
    DurableFiles.syncFolder(folder);
  }

  /**
   * Finishes or undoes every replacement a killed writer left half-done: afterwards each checkpoint
   * is a single complete pair under its own name.
   */
  void recover() throws IOException {
    for (String name : namesWithPrevious()) {
      String previous = previous(name);
      if (Files.isRegularFile(index(folder, previous)) && !Files.isRegularFile(index(folder, name))) {
        // Killed between deleting the old index and committing the new one: put the old pair back.
        restore(data(folder, previous), data(folder, name));
        restore(index(folder, previous), index(folder, name));
        DurableFiles.syncFolder(folder);
      }
      deletePair(previous);
    }
    DurableFiles.syncFolder(folder);
  }

  /** Deletes the pair {@code name}, index first, so that an index never outlives its data. */
  void deletePair(String name) throws IOException {
    Files.deleteIfExists(index(folder, name));
    Files.deleteIfExists(data(folder, name));
  }

  private Set<String> namesWithPrevious() throws IOException {
    Set<String> names = new LinkedHashSet<>();
    if (!Files.isDirectory(folder)) {
      return names;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
        String file = p.getFileName().toString();
        for (String suffix : SUFFIXES) {
          if (file.startsWith(PREVIOUS) && file.endsWith(suffix) && !TemporaryNames.isTemporary(file)
              && file.length() > PREVIOUS.length() + suffix.length()) {
            names.add(file.substring(PREVIOUS.length(), file.length() - suffix.length()));
          }
        }
      }
    }
    return names;
  }

  /** Puts a copy of {@code from} at {@code to} in one step, replacing {@code to}. */
  private void restore(Path from, Path to) throws IOException {
    if (Files.exists(to) && Files.isSameFile(from, to)) {
      return; // Still the same file (a hard link); renaming a link onto itself would do nothing.
    }
    Path temporary = folder.resolve(TemporaryNames.next(to.getFileName().toString()));
    linkOrCopy(from, temporary);
    DurableFiles.rename(temporary, to);
  }

  /** A second name for {@code from}'s contents that appears complete or not at all. */
  private void linkOrCopy(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
      return;
    } catch (UnsupportedOperationException | FileSystemException e) {
      // No hard links here: copy, flush, rename.
    }
    Path temporary = folder.resolve(TemporaryNames.next(to.getFileName().toString()));
    try {
      Files.copy(from, temporary, StandardCopyOption.REPLACE_EXISTING);
      DurableFiles.syncFile(temporary);
      DurableFiles.rename(temporary, to);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
