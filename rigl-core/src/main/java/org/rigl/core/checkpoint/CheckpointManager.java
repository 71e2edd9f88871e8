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
 * plus the {@code checkpoint} state file, keeping at most {@code keep_checkpoint_max} (0 keeps all).
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

  /** Saves at {@code step}; returns the prefix written. */
  public Path save(Session session, CheckpointSaver saver, long step) throws IOException {
    Files.createDirectories(directory);
    String name = BASENAME + "-" + step;
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
