package org.rigl.tools.ckpt;

import picocli.CommandLine.Command;

/** {@code rigl ckpt}: checkpoint tools. */
@Command(
    name = "ckpt",
    mixinStandardHelpOptions = true,
    description = "Checkpoint tools (TF tensor-bundle checkpoints, as Python TensorFlow writes them).",
    subcommands = {CkptInspectCommand.class})
public final class CkptCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
