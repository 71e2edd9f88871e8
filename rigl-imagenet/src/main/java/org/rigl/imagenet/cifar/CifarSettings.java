package org.rigl.imagenet.cifar;

import java.nio.file.Path;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;

/**
 * What {@code cifar_resnet/resnet_train_eval.py}'s flags set, as plain values with the reference's
 * defaults (the command line that fills them lives in the tools). {@code sparse} holds the
 * sparse-training and pruning flags before {@code training_steps_multiplier} scales their steps.
 */
public final class CifarSettings {
  public String mode = "train";
  public Path trainDir = Path.of("runs/cifar10/");
  public boolean useFolderStub = true;
  public Path dataDirectory;
  public int shuffleBuffer = CifarInputConfig.DEFAULT_SHUFFLE_BUFFER;
  public int resnetDepth = 16;
  public int resnetWidth = 4;
  public int numClasses = 10;
  public int batchSize = 128;
  public int numTowers = 0;
  public long maxSteps = 97656;
  public double trainingStepsMultiplier = 1.0;
  public float momentum = 0.9f;
  public float l2 = 5e-4f;
  public long seed = 0;
  public long checkpointSteps = 5000;
  public int keepCheckpointMax = 5;
  public long summariesSteps = 300;
  public boolean perClassMetrics = true;
  public boolean pruneFirstLayer = false;
  public boolean pruneLastLayer = true;

  /** Checkpoint (prefix or folder) whose gamma/beta/weights/biases start training ('' for none). */
  public String initialValueCheckpoint = "";
  /** The method and its flags, with the reference's defaults. */
  public SparseTrainingConfig sparse = SparseTrainingConfig.builder(TrainingMethod.BASELINE)
      .maskUpdates(0, 75000, 100)
      .pruning(20000, 75000, 1000)
      .build();
}
