package org.rigl.tools.convert;

import java.nio.file.Path;
import java.util.Map;
import org.rigl.core.flags.FlagChecks;
import org.rigl.tools.CommandDefaults;
import picocli.CommandLine.Option;

/**
 * The folders every converter reads from and writes to, both required; each converter describes
 * them in its own words through a {@link Texts} subclass.
 */
final class ConvertDirs {
  @Option(names = "--input_dir", paramLabel = "DIR", description = "The input files (required).")
  Path inputDir;

  @Option(names = "--output_dir", paramLabel = "DIR", description = "Where the output goes (required).")
  Path outputDir;

  Path input() {
    return required("--input_dir", inputDir);
  }

  Path output() {
    return required("--output_dir", outputDir);
  }

  private static Path required(String flag, Path value) {
    FlagChecks.check(value != null, flag + " is required");
    return FlagChecks.nonEmpty(flag, value);
  }

  /** A converter's help texts of the two folders. */
  abstract static class Texts extends CommandDefaults {
    private final String input;
    private final String output;

    Texts(String input, String output) {
      this.input = input;
      this.output = output;
    }

    @Override
    protected Map<String, Default> defaults() {
      return Map.ofEntries(described("--input_dir", input), described("--output_dir", output));
    }
  }
}
