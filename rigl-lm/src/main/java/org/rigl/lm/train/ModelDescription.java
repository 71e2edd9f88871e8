package org.rigl.lm.train;

import org.rigl.core.io.DurableFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.rigl.lm.model.LmConfig;

/**
 * {@code OUTPUT_DIR/lm_model.properties}: the model sizes a run was trained with, so evaluation
 * and sampling rebuild the same graph from the output directory alone, and a resumed or evaluated
 * run with different size flags fails with a message instead of a shape error from a restore.
 */
public final class ModelDescription {
  public static final String FILE_NAME = "lm_model.properties";

  private ModelDescription() {}

  public static Optional<LmConfig> read(Path outputDir) throws IOException {
    Path file = outputDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return Optional.of(LmConfig.fromProperties(p));
  }

  /** The saved description, failing if it differs from {@code flags}; writes it when there is none. */
  public static void checkOrWrite(Path outputDir, LmConfig flags) throws IOException {
    Optional<LmConfig> saved = read(outputDir);
    if (saved.isPresent()) {
      requireSame(outputDir, saved.get(), flags);
      return;
    }
    Files.createDirectories(outputDir);
    StringWriter text = new StringWriter();
    flags.toProperties().store(text, "rigl train-lm model sizes");
    DurableFiles.writeAtomically(outputDir.resolve(FILE_NAME), text.toString());
  }

  public static void requireSame(Path outputDir, LmConfig saved, LmConfig flags) {
    if (!saved.equals(flags)) {
      throw new IllegalArgumentException("model flags differ from " + outputDir.resolve(FILE_NAME) + ": it has "
          + saved.describe() + ", the command line " + flags.describe());
    }
  }
}
