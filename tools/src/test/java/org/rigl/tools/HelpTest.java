package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command explains itself: --help works and its text formats cleanly. */
@Tag("fast")
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
      help.out().lines().forEach(line -> assertTrue(line.length() <= Rigl.USAGE_WIDTH, name + ": " + line));
    }
  }

  @Test
  void descriptionLinesAreNotWrappedTwice() {
    CliRun help = CliRun.of("train-image", "--help");
    assertTrue(help.out().contains(
        "Example: ./rigl train-image --data_directory=DIR --training_method=rigl --end_sparsity=0.8\n"), help.out());
  }

  @Test
  void everyOptionOfEveryCommandSaysWhatItDoes() {
    java.util.List<String> missing = new java.util.ArrayList<>();
    java.util.Deque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(new CommandLine(new Rigl())));
    while (!todo.isEmpty()) {
      CommandLine c = todo.pop();
      todo.addAll(c.getSubcommands().values());
      for (CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
        String text = String.join(" ", o.description()).trim();
        if (!o.hidden() && (text.isEmpty() || text.startsWith("(default"))) {
          missing.add(c.getCommandName() + " " + o.longestName());
        }
      }
    }
    assertTrue(missing.isEmpty(), "options without a description: " + missing);
  }
}
