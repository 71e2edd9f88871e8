package org.rigl.imagenet.train;

import static org.rigl.core.flags.FlagChecks.check;
import static org.rigl.core.flags.FlagChecks.inRange;
import static org.rigl.core.flags.FlagChecks.nonEmpty;
import static org.rigl.core.flags.FlagChecks.nonNegative;
import static org.rigl.core.flags.FlagChecks.oneOf;
import static org.rigl.core.flags.FlagChecks.positive;

import java.nio.file.Path;
import java.util.List;
import org.rigl.core.update.SparseTrainingConfig;

/**
 * The flags {@code imagenet_train_eval.py} and {@code resnet_train_eval.py} share, with the
 * defaults they share, and the checks of those flags.
 */
public abstract class ImageClassifierSettings {
  /** More data-parallel towers than any machine has GPUs. */
  static final int MAX_TOWERS = 256;

  public String mode = "train";
  public Path dataDirectory;
  public boolean useFolderStub = true;
  public int numTowers = 0;
  public double trainingStepsMultiplier = 1.0;
  public float momentum = 0.9f;
  public long seed = 0;
  public int keepCheckpointMax;

  /** Checkpoint (prefix or folder) whose gamma/beta/weights/biases start training ('' for none). */
  public String initialValueCheckpoint = "";
  /** The method and its flags, before {@code training_steps_multiplier} scales its steps. */
  public SparseTrainingConfig sparse;

  /** The checks of the shared flags; {@code modes} are the script's {@code --mode} values. */
  protected void validateShared(List<String> modes, String outputFlag, Path outputDir) {
    oneOf("--mode", mode, modes);
    check(outputDir != null, outputFlag + " is required");
    nonEmpty(outputFlag, outputDir);
    nonEmpty("--data_directory", dataDirectory);
    inRange("--num_towers", numTowers, 0, MAX_TOWERS);
    positive("--training_steps_multiplier", trainingStepsMultiplier);
    inRange("--momentum", momentum, 0, 1);
    nonNegative("--keep_checkpoint_max", keepCheckpointMax);
  }
}
