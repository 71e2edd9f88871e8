package org.rigl.core.checkpoint;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.rigl.core.io.DurableFiles;
import org.rigl.core.update.SparseTrainingConfig;

/**
 * {@code OUTPUT_DIR/run_description.properties}: the flags that decide what a run's checkpoints
 * hold (the training method and its sparsity, any model sizes a driver adds), written when a run
 * starts fresh. A run resuming from the folder's checkpoint with other values fails with both
 * values instead of silently training the checkpoint's configuration under the new flags.
 */
public final class RunDescription {
  public static final String FILE_NAME = "run_description.properties";

  /** Flag name (with its dashes) to value, in the order written. */
  private final Map<String, String> flags = new LinkedHashMap<>();

  private RunDescription() {}

  /** The sparse-training flags the checkpoint depends on for {@code config}'s method. */
  public static RunDescription of(SparseTrainingConfig config) {
    RunDescription d = new RunDescription();
    d.with("--training_method", config.trainingMethod());
    if (config.method().needsSparsityDistribution() || config.trainingMethod().equals("prune")) {
      d.with("--end_sparsity", config.endSparsity());
    }
    if (config.method().needsSparsityDistribution() && config.loadMaskDir().isEmpty()) {
      d.with("--mask_init_method", config.maskInitMethod());
      d.with("--erk_power_scale", config.erkPowerScale());
    }
    return d;
  }

  /** Adds a flag (a model size, say) the checkpoint depends on. */
  public RunDescription with(String flag, Object value) {
    flags.put(flag, String.valueOf(value));
    return this;
  }

  /** Records this description in {@code outputDir}, replacing one a finished run left. */
  public void write(Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    StringBuilder text = new StringBuilder("# the flags this folder's checkpoints were trained with\n");
    for (Map.Entry<String, String> e : flags.entrySet()) {
      text.append(escape(e.getKey())).append('=').append(escape(e.getValue())).append('\n');
    }
    DurableFiles.writeAtomically(outputDir.resolve(FILE_NAME),
        text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Fails if {@code outputDir}'s description (if it has one: older runs have none) gives any of
   * these flags another value.
   */
  public void requireSameAs(Path outputDir) throws IOException {
    Path file = outputDir.resolve(FILE_NAME);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": not a run description (not a regular file)");
    }
    Properties saved = new Properties();
    try (Reader r = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
      saved.load(r);
    }
    for (Map.Entry<String, String> e : flags.entrySet()) {
      String was = saved.getProperty(e.getKey());
      if (was != null && !was.equals(e.getValue())) {
        throw new IllegalArgumentException(e.getKey() + "=" + e.getValue() + " but the checkpoint in " + outputDir
            + " was trained with " + was);
      }
    }
  }

  /** Properties-file escaping of keys and values (they hold no line breaks). */
  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("=", "\\=").replace(":", "\\:");
  }
}
