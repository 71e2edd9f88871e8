package org.rigl.core.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checkpoint named the way {@code tf.train.load_checkpoint} accepts it: a checkpoint prefix, or a
 * folder whose {@code checkpoint} state file names its latest checkpoint.
 */
public final class CheckpointLocation {
  private CheckpointLocation() {}

  /**
   * The checkpoint prefix {@code location} names; errors are one line naming {@code flag}.
   *
   * @throws IllegalArgumentException if {@code location} is a folder without a state file, a folder
   *     whose latest checkpoint is gone, or neither a folder nor a checkpoint prefix
   */
  public static Path resolve(String location, String flag) throws IOException {
    Path p = Path.of(location);
    if (Files.isDirectory(p)) {
      Path latest = CheckpointState.read(p).map(s -> CheckpointFiles.loadable(p, s.latest()))
          .orElseThrow(() -> new IllegalArgumentException(flag + " " + p + " holds no checkpoint state file"));
      if (!Files.isRegularFile(indexOf(latest))) {
        throw new IllegalArgumentException(flag + " " + p + ": its latest checkpoint " + latest + " has no .index file");
      }
      return latest;
    }
    if (!Files.isRegularFile(indexOf(p))) {
      throw new IllegalArgumentException(flag + " " + location + " is neither a folder nor a checkpoint prefix");
    }
    return p;
  }

  private static Path indexOf(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".index");
  }
}
