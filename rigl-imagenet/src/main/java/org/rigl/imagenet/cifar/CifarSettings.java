package org.rigl.imagenet.cifar;

import static org.rigl.core.flags.FlagChecks.batchSize;
import static org.rigl.core.flags.FlagChecks.check;
import static org.rigl.core.flags.FlagChecks.inRange;
import static org.rigl.core.flags.FlagChecks.nonNegative;
import static org.rigl.core.flags.FlagChecks.positive;

import java.nio.file.Path;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;
import org.rigl.imagenet.train.ImageClassifierSettings;
import org.rigl.models.ModelFlags;

/**
 * What {@code cifar_resnet/resnet_train_eval.py}'s flags set, as plain values with the reference's
 * defaults (the command line that fills them lives in the tools). {@code sparse} holds the
 * sparse-training and pruning flags before {@code training_steps_multiplier} scales their steps.
 */
public final class CifarSettings extends ImageClassifierSettings {
  /** Past these the Wide ResNet outgrows memory (the paper's is WRN-28-10). */
  static final int MAX_DEPTH = 1000;
  static final int MAX_WIDTH = 64;

  public Path trainDir = Path.of("runs/cifar10/");
  public int shuffleBuffer = CifarInputConfig.DEFAULT_SHUFFLE_BUFFER;
  public int resnetDepth = 16;
  public int resnetWidth = 4;
  public int numClasses = 10;
  public int batchSize = 128;
  public long maxSteps = 97656;
  public float l2 = 5e-4f;
  public long checkpointSteps = 5000;
  public long summariesSteps = 300;
  public boolean perClassMetrics = true;
  public boolean pruneFirstLayer = false;
  public boolean pruneLastLayer = true;

  public CifarSettings() {
    keepCheckpointMax = 5;
    sparse = SparseTrainingConfig.builder(TrainingMethod.BASELINE).maskUpdates(0, 75000, 100).pruning(20000, 75000, 1000).build();
  }

  /** Every check of these values on their own, before anything is built. */
  public CifarSettings validate() {
    validateShared(CifarSetup.MODES, "--train_dir", trainDir);
    // The method next, as the script's flag parsing rejects it before anything else.
    TrainingMethod.parse(sparse.trainingMethod(), CifarSetup.METHODS);
    check(dataDirectory != null, "--data_directory is required: a folder of CIFAR-10 binary files");
    check(resnetDepth >= 10 && (resnetDepth - 4) % 6 == 0 && resnetDepth <= MAX_DEPTH, "--resnet_depth " + resnetDepth
        + " is not valid (valid: 6n+4 with n >= 1, at most " + MAX_DEPTH + ": 10, 16, 22, 28, ...)");
    inRange("--resnet_width", resnetWidth, 1, MAX_WIDTH);
    inRange("--num_classes", numClasses, CifarInput.NUM_CLASSES, ModelFlags.MAX_CLASSES);
    batchSize("--batch_size", batchSize);
    positive("--shuffle_buffer", shuffleBuffer);
    positive("--max_steps", maxSteps);
    nonNegative("--l2", l2);
    positive("--checkpoint_steps", checkpointSteps);
    positive("--summaries_steps", summariesSteps);
    return this;
  }
}
