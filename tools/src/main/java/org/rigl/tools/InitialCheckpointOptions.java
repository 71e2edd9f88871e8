package org.rigl.tools;

import picocli.CommandLine.Option;

/** The checkpoints a fresh start of the image classifiers reads its masks and parameters from. */
final class InitialCheckpointOptions {
  @Option(names = "--load_mask_dir", defaultValue = "", description = "Checkpoint (prefix or folder) whose masks start training.")
  String loadMaskDir;

  @Option(names = "--initial_value_checkpoint", defaultValue = "", description = "Checkpoint (prefix or folder) whose gamma/beta/weights/biases start training.")
  String initialValueCheckpoint;
}
