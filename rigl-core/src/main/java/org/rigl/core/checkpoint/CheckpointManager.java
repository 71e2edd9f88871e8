package org.rigl.core.checkpoint;

import org.rigl.core.io.TemporaryNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Session;

/**
 * TF1's checkpoint layout in an output directory: {@code model.ckpt-STEP.{index,data-00000-of-00001}}
 * (or any other prefix, see {@link #saveAs}) plus the {@code checkpoint} state file, keeping at most {@code keep_checkpoint_max} (0 keeps all).
 *
 * <p>Commit protocol, so that a process killed at any moment leaves a loadable latest checkpoint:
 * each save writes its pair under a temporary name unique to the process ({@link TemporaryNames}),
 * flushes it to the disk and renames it into place; a checkpoint of the same name is replaced only
 * once the new pair is complete, its old pair kept under a second name until then ({@link
 * CheckpointFiles}). The state file is replaced last, also through a flushed temporary file, and
 * only then are checkpoints beyond {@code keep_checkpoint_max} deleted. The first save of a manager
 * deletes the temporary files of killed saves (their process is gone) and finishes or undoes a
 * half-done replacement; until then {@link #latest} already names a complete pair. One writer per
 * folder is assumed (hold an {@link OutputFolderLock}): two would undo each other's replacements.
 */
public final class CheckpointManager {
  public static final String BASENAME = "model.ckpt";

  /** Writes a checkpoint's files under a prefix (a saver, or a test's writer). */
  @FunctionalInterface
  interface PairWriter {
    void write(String prefix) throws IOException;
  }

  private final Path directory;
  private final int keepMax;
  private final CheckpointFiles files;
  private boolean recovered;

  public CheckpointManager(Path directory, int keepMax) {
    this(directory, keepMax, CheckpointFiles.Step.NONE);
  }

  /** With {@code step} told each named moment of a replacement (tests simulate crashes there). */
  CheckpointManager(Path directory, int keepMax, CheckpointFiles.Step step) {
    if (keepMax < 0) {
      throw new IllegalArgumentException("keep_checkpoint_max must be >= 0, got " + keepMax);
    }
    this.directory = directory;
    this.keepMax = keepMax;
    this.files = new CheckpointFiles(directory, step);
  }

  /** The folder the checkpoints live in. */
  public Path directory() {
    return directory;
  }

  /** The latest checkpoint's full prefix, if the directory has one. */
  public Optional<Path> latest() throws IOException {
    return CheckpointState.read(directory).map(s -> CheckpointFiles.loadable(directory, s.latest()));
  }

  /** Saves at {@code step} as {@code model.ckpt-STEP}; returns the prefix written. */
  public Path save(Session session, CheckpointSaver saver, long step) throws IOException {
    return saveAs(session, saver, BASENAME + "-" + step);
  }

  /**
   * Saves under the prefix {@code name} in the directory and makes it the latest checkpoint, for
   * scripts that name the checkpoint themselves (mnist_train_eval.py's single {@code model.ckpt});
   * saving a name again replaces it. Returns the prefix written.
   */
  public Path saveAs(Session session, CheckpointSaver saver, String name) throws IOException {
    return saveAs(name, prefix -> saver.save(session, prefix));
  }

  Path saveAs(String name, PairWriter writer) throws IOException {
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || TemporaryNames.isTemporary(name)
        || name.startsWith(CheckpointFiles.PREVIOUS)) {
      throw new IllegalArgumentException("checkpoint name must be a plain file name, got '" + name + "'");
    }
    Files.createDirectories(directory);
    prepareForWriting();
    String temporary = TemporaryNames.next(name);
    try {
      writer.write(directory.resolve(temporary).toString());
      files.sync(temporary);
      files.reached("new pair written");
      files.replace(name, temporary);
    } catch (IOException | RuntimeException e) {
      // A failed save (a full disk) must not leave files that block the next one.
      files.deleteTemporary(temporary);
      throw e;
    }
    List<String> all = new ArrayList<>();
    CheckpointState.read(directory).ifPresent(s -> all.addAll(s.all()));
    all.remove(name);
    all.add(name);
    List<String> removed = new ArrayList<>();
    while (keepMax > 0 && all.size() > keepMax) {
      removed.add(all.remove(0));
    }
    new CheckpointState(name, all).write(directory);
    files.reached("state written");
    files.dropPrevious(name);
    for (String old : removed) {
      files.deletePair(old);
      files.deletePair(CheckpointFiles.previous(old));
      Files.deleteIfExists(directory.resolve(old + ".meta"));
    }
    return directory.resolve(name);
  }

  /**
   * Clears what killed saves left in the folder: their temporary files (freeing the space a full
   * disk needs back) and half-done replacements. Runs once per manager, before its first save; a
   * run may call it at its start, once it holds the folder's {@link OutputFolderLock}.
   */
  public void prepareForWriting() throws IOException {
    if (!recovered) {
      TemporaryNames.deleteStale(directory);
      files.recover();
      recovered = true;
    }
  }
}
