package org.rigl.tools;

import java.util.List;
import org.rigl.core.flags.FlagChecks;
import picocli.CommandLine.Option;

/** The {@code --format} flag of the commands that print a table: text or JSON. */
public final class FormatOption {
  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  /** Whether JSON was asked for; fails on any value but text and json. */
  public boolean json() {
    return FlagChecks.oneOf("--format", format, List.of("text", "json")).equals("json");
  }
}
