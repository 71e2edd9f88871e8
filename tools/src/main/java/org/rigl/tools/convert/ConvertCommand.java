package org.rigl.tools.convert;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rigl convert}: raw data sets to the TFRecords the drivers read. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Raw data sets to TFRecords: ImageNet, CIFAR-10, WikiText.",
      "Output files appear all together at the end; a failed run leaves the",
      "output directory as it was."
    },
    subcommands = {ConvertImageNetCommand.class, ConvertCifar10Command.class, ConvertWikiTextCommand.class})
public final class ConvertCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
