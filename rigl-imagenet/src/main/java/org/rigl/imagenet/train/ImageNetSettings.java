package org.rigl.imagenet.train;

import java.nio.file.Path;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;

/**
 * What {@code imagenet_train_eval.py}'s flags set, as plain values with the reference's defaults
 * (the command line that fills them lives in the tools). {@code sparse} holds the sparse-training
 * flags before {@code training_steps_multiplier} scales its steps.
 */
public final class ImageNetSettings {
  public String mode = "train";
  public Path outputDir = Path.of("runs/imagenet/");
  public Path dataDirectory;
  public boolean useFolderStub = true;
  public String modelArchitecture = "resnet";
  public int resnetDepth = 50;
  public double width = -1.0;
  public double expansionFactor = 6.0;
  public int numLabelClasses = 1000;
  public int imageSize = 224;
  public int labelOffset = 1;
  public boolean skipBadRecords;
  public double firstLayerSparsity = 0.0;
  public double lastLayerSparsity = -1.0;
  public long trainSteps = 2;
  public double trainingStepsMultiplier = 1.0;
  public int trainBatchSize = 1024;
  public int evalBatchSize = 1000;
  public long numTrainImages = 1281167;
  public long numEvalImages = 50000;
  public long stepsPerEval = 1251;
  public long stepsPerCheckpoint = 1000;
  public int keepCheckpointMax = 0;
  public String evalOnceCkptPrefix = "";
  public double baseLearningRate = 0.1;
  public float momentum = 0.9f;
  public boolean useAdam;
  public boolean useSgdr;
  public float sgdrDecayStep = 5f;
  public float sgdrTMul = 1.5f;
  public float sgdrMMul = 0.5f;
  public double weightDecay = 1e-4;
  public double labelSmoothing = 0.1;
  public long seed = 0;
  public String dataFormat = "channels_last";
  public int numParallelCalls = 64;
  public boolean useBatchStatistics;
  public boolean logMaskImgsEachIteration;
  public boolean evalOnTrain;
  public int numTowers = 0;
  public String workerHosts = "";
  public int taskIndex = 0;

  /** Checkpoint (prefix or folder) whose gamma/beta/weights/biases start training ('' for none). */
  public String initialValueCheckpoint = "";
  /** The method and its flags; the reference's default is scratch with no mask distribution. */
  public SparseTrainingConfig sparse = SparseTrainingConfig.builder(TrainingMethod.SCRATCH).maskInitMethod("").build();
}
