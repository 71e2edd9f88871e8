package org.rigl.lm.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code OUTPUT_DIR/eval_results.json}: the latest evaluation, replaced atomically. */
public final class EvalResultsFile {
  public static final String FILE_NAME = "eval_results.json";

  private EvalResultsFile() {}

  public static Path write(Path outputDir, EvalResult result) throws IOException {
    Files.createDirectories(outputDir);
    Path file = outputDir.resolve(FILE_NAME);
    Path tmp = outputDir.resolve(FILE_NAME + ".tmp");
    Files.writeString(tmp, result.toJson(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

}
