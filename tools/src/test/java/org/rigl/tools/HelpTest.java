package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command explains itself: --help works and its text formats cleanly. */
class HelpTest {
  @Test
  void everyCommandHasCleanHelp() {
    CliRun top = CliRun.of("--help");
    assertEquals(0, top.exitCode());
    CommandLine cli = new CommandLine(new Rigl());
    for (String name : cli.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      assertTrue(top.out().contains(name), name + " listed");
      CliRun help = CliRun.of(name, "--help");
      assertEquals(0, help.exitCode(), name);
      assertTrue(help.out().contains("Usage: rigl " + name), help.out());
      assertFalse((help.out() + help.err()).contains("WARN"), name + ": " + help.err());
    }
  }
}
