package org.rigl.core.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Session;

/**
 * TF1's checkpoint layout in an output directory: {@code model.ckpt-STEP.{index,data-00000-of-00001}}
 * (or any other prefix, see {@link #saveAs}) plus the {@code checkpoint} state file, keeping at most {@code keep_checkpoint_max} (0 keeps all).
 *
 * <p>A checkpoint is written under a temporary prefix, its files renamed into place, and the state
 * file replaced last, so a crash at any point leaves the previous latest checkpoint intact.
 */
public final class CheckpointManager {
  public static final String BASENAME = "model.ckpt";
  private static final String[] SUFFIXES = {".index", ".data-00000-of-00001"};

  private final Path directory;
  private final int keepMax;

  public CheckpointManager(Path directory, int keepMax) {
    if (keepMax < 0) {
      throw new IllegalArgumentException("keep_checkpoint_max must be >= 0, got " + keepMax);
    }
    this.directory = directory;
    this.keepMax = keepMax;
  }

  /** The latest checkpoint's full prefix, if the directory has one. */
  public Optional<Path> latest() throws IOException {
    return CheckpointState.read(directory).map(s -> directory.resolve(s.latest()));
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
    if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException("checkpoint name must be a plain file name, got '" + name + "'");
    }
    Files.createDirectories(directory);
    Path tmp = directory.resolve(name + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    saver.save(session, tmp.toString());
    for (String suffix : SUFFIXES) {
      Files.move(Path.of(tmp + suffix), directory.resolve(name + suffix), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
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
    for (String old : removed) {
      for (String suffix : SUFFIXES) {
        Files.deleteIfExists(directory.resolve(old + suffix));
      }
      Files.deleteIfExists(directory.resolve(old + ".meta"));
    }
    return directory.resolve(name);
  }
}
