package org.rigl.core.train.loop;

import org.rigl.core.io.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code OUTPUT_DIR/eval_results.json}: the latest evaluation, replaced atomically so a reader never
 * sees half a file. Every driver that reports evaluations writes it here. An evaluation with a NaN or
 * infinite value (a diverged model) is an error, never written as a result.
 */
public final class EvalResultsFile {
  public static final String FILE_NAME = "eval_results.json";
  /** A JSON member whose value is not a finite number, as Java formats one. */
  private static final Pattern NON_FINITE_MEMBER = Pattern.compile("\"([^\"]*)\"\\s*:\\s*(-?Infinity|NaN)\\b");

  private EvalResultsFile() {}

  /**
   * Replaces the file with {@code json}; returns its path.
   *
   * @throws IllegalStateException if a value is NaN or infinite; the file is then left as it was
   */
  public static Path write(Path outputDir, String json) throws IOException {
    Matcher bad = NON_FINITE_MEMBER.matcher(json);
    if (bad.find()) {
      throw notFinite(bad.group(1), bad.group(2));
    }
    Files.createDirectories(outputDir);
    Path file = outputDir.resolve(FILE_NAME);
    DurableFiles.writeAtomically(file, json);
    return file;
  }

  /** Fails as {@link #write} would if one of {@code values} is NaN or infinite (for results not yet formatted). */
  public static void requireFinite(Map<String, Double> values) {
    for (Map.Entry<String, Double> e : values.entrySet()) {
      if (!Double.isFinite(e.getValue())) {
        throw notFinite(e.getKey(), String.valueOf(e.getValue()));
      }
    }
  }

  private static IllegalStateException notFinite(String name, String value) {
    return new IllegalStateException("evaluation gave " + name + " = " + value
        + ": the model has diverged; " + FILE_NAME + " was not written");
  }
}
