package org.rigl.tools;

import org.rigl.core.flags.FlagChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output-directory checks and atomic writes, so bad input fails early and nothing is half-written. */
final class OutputDirs {
  private OutputDirs() {}

  /** Fails if {@code dir} cannot become an output directory; creates nothing. */
  static void check(Path dir) {
    check("--output_dir", dir);
  }

  /** As {@link #check(Path)} for the folder {@code flag} names. */
  static void check(String flag, Path dir) {
    FlagChecks.nonEmpty(flag, dir);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(flag + " " + dir + " is a file, not a directory");
    }
  }

  /** Creates {@code dir} if needed and checks that it is writable. */
  static void prepare(Path dir) throws IOException {
    prepare("--output_dir", dir);
  }

  static void prepare(String flag, Path dir) throws IOException {
    check(flag, dir);
    Files.createDirectories(dir);
    if (!Files.isWritable(dir)) {
      throw new IllegalArgumentException(flag + " " + dir + " is not writable");
    }
  }

}
