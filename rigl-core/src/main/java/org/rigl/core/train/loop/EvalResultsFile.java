package org.rigl.core.train.loop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code OUTPUT_DIR/eval_results.json}: the latest evaluation, replaced atomically so a reader never
 * sees half a file. Every driver that reports evaluations writes it here.
 */
public final class EvalResultsFile {
  public static final String FILE_NAME = "eval_results.json";

  private EvalResultsFile() {}

  /** Replaces the file with {@code json}; returns its path. */
  public static Path write(Path outputDir, String json) throws IOException {
    Files.createDirectories(outputDir);
    Path file = outputDir.resolve(FILE_NAME);
    Path tmp = outputDir.resolve(FILE_NAME + ".tmp");
    Files.writeString(tmp, json, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }
}
