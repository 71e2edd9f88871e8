package org.rigl.tools;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rigl} command line: every driver and tool of the project as a subcommand. */
@Command(
    name = "rigl",
    mixinStandardHelpOptions = true,
    version = "rigl-java 0.1.0 (TensorFlow Java 1.1.0)",
    description = {
      "Dynamic sparse training (RigL, SET, SNFS, static, SNIP, DNW, magnitude pruning) on TensorFlow Java,",
      "a port of google-research/rigl. Flags use the reference's names: --flag=value."
    },
    subcommands = {
      QuickstartCommand.class,
      TrainImageCommand.class,
      TrainMnistCommand.class,
      TrainCifarCommand.class,
      TrainLmCommand.class,
      SampleLmCommand.class,
      FlopsCommand.class,
      org.rigl.tools.model.SparsityCommand.class,
      org.rigl.tools.model.VarsCommand.class,
      org.rigl.tools.ckpt.CkptCommand.class,
      org.rigl.tools.convert.ConvertCommand.class,
      ReportCommand.class,
      BenchCommand.class,
      BenchLmCommand.class,
      BenchImageCommand.class,
      BenchSparseLayerCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Rigl implements Runnable {
  /** Columns of --help text. */
  static final int USAGE_WIDTH = 120;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The first line of an exception's message: TensorFlow's messages append node dumps below it. */
  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline).strip();
    // TensorFlow says only "End of sequence" when an input pipeline runs dry.
    if (e instanceof org.tensorflow.exceptions.TFOutOfRangeException) {
      return "an input ran out of records before the run ended (TensorFlow: " + line + ")";
    }
    // The JDK's decoding errors say only "Input length = 1".
    return e instanceof java.nio.charset.CharacterCodingException ? "a text input is not valid UTF-8 (" + line + ")" : line;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (tests call this). */
  public static int run(String... args) {
    // Like absl flags, a repeated flag takes its last value.
    CommandLine cli = new CommandLine(new Rigl()).setOverwrittenOptionsAllowed(true);
    // Descriptions are written as lines of up to ~110 characters; at picocli's default 80 columns
    // they would be wrapped a second time, mid-line.
    cli.setUsageHelpWidth(USAGE_WIDTH);
    // Bad input is reported in one line naming what was wrong, never as a stack trace or a usage dump.
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> error(commandLine, firstLine(e)));
    cli.setParameterExceptionHandler((e, unparsed) -> error(e.getCommandLine(), parseError(e)));
    return cli.execute(args);
  }

  private static int error(CommandLine commandLine, String line) {
    commandLine.getErr().println("rigl: error: " + line);
    commandLine.getErr().flush();
    return 2;
  }

  /** A flag that could not be parsed (unknown, missing, mistyped), with where its help is. */
  static String parseError(CommandLine.ParameterException e) {
    String line = firstLine(e);
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        line += " (did you mean " + String.join(" or ", suggestions) + "?)";
      }
    }
    return line + "; see './" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'";
  }
}
