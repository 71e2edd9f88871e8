package org.rigl.imagenet.train;

import static org.rigl.core.flags.FlagChecks.batchSize;
import static org.rigl.core.flags.FlagChecks.check;
import static org.rigl.core.flags.FlagChecks.fraction;
import static org.rigl.core.flags.FlagChecks.inRange;
import static org.rigl.core.flags.FlagChecks.nonNegative;
import static org.rigl.core.flags.FlagChecks.oneOf;
import static org.rigl.core.flags.FlagChecks.positive;

import java.nio.file.Path;
import java.util.List;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;

/**
 * What {@code imagenet_train_eval.py}'s flags set, as plain values with the reference's defaults
 * (the command line that fills them lives in the tools). {@code sparse} holds the sparse-training
 * flags before {@code training_steps_multiplier} scales its steps.
 */
public final class ImageNetSettings extends ImageClassifierSettings {
  /** MobileNet-v2's expansion multiplies channels: past this, layers outgrow memory. */
  static final double MAX_EXPANSION = 64;
  static final int MAX_IMAGE_SIZE = 4096;
  static final int MAX_PARALLEL_CALLS = 1024;

  public Path outputDir = Path.of("runs/imagenet/");
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
  public int trainBatchSize = 1024;
  public int evalBatchSize = 1000;
  public long numTrainImages = 1281167;
  public long numEvalImages = 50000;
  public long stepsPerEval = 1251;
  public long stepsPerCheckpoint = 1000;
  public String evalOnceCkptPrefix = "";
  public double baseLearningRate = 0.1;
  public boolean useAdam;
  public boolean useSgdr;
  public float sgdrDecayStep = 5f;
  public float sgdrTMul = 1.5f;
  public float sgdrMMul = 0.5f;
  public double weightDecay = 1e-4;
  public double labelSmoothing = 0.1;
  public String dataFormat = "channels_last";
  public int numParallelCalls = 64;
  public boolean useBatchStatistics;
  public boolean logMaskImgsEachIteration;
  public boolean evalOnTrain;
  public String workerHosts = "";
  public int taskIndex = 0;

  public ImageNetSettings() {
    // The reference's default is scratch with no mask distribution.
    sparse = SparseTrainingConfig.builder(TrainingMethod.SCRATCH).maskInitMethod("").build();
  }

  /** Every check of these values on their own, before anything is built. */
  public ImageNetSettings validate() {
    validateShared(ImageNetSetup.MODES, "--output_dir", outputDir);
    inRange("--expansion_factor", expansionFactor, 1, MAX_EXPANSION);
    inRange("--image_size", imageSize, 1, MAX_IMAGE_SIZE);
    nonNegative("--label_offset", labelOffset);
    positive("--train_steps", trainSteps);
    batchSize("--train_batch_size", trainBatchSize);
    batchSize("--eval_batch_size", evalBatchSize);
    positive("--num_train_images", numTrainImages);
    positive("--num_eval_images", numEvalImages);
    check(numEvalImages % evalBatchSize == 0,
        "--num_eval_images " + numEvalImages + " is not divisible by --eval_batch_size " + evalBatchSize);
    positive("--steps_per_eval", stepsPerEval);
    positive("--steps_per_checkpoint", stepsPerCheckpoint);
    positive("--base_learning_rate", baseLearningRate);
    positive("--sgdr_decay_step", sgdrDecayStep);
    positive("--sgdr_t_mul", sgdrTMul);
    positive("--sgdr_m_mul", sgdrMMul);
    nonNegative("--weight_decay", weightDecay);
    fraction("--label_smoothing", labelSmoothing);
    oneOf("--data_format", dataFormat, List.of("channels_last", "channels_first"));
    inRange("--num_parallel_calls", numParallelCalls, 1, MAX_PARALLEL_CALLS);
    nonNegative("--task_index", taskIndex);
    return this;
  }
}
