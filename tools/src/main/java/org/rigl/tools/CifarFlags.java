package org.rigl.tools;

import java.nio.file.Path;
import java.util.List;
import org.rigl.imagenet.cifar.CifarInputConfig;
import org.rigl.imagenet.cifar.CifarSettings;
import org.rigl.imagenet.cifar.CifarSetup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of the reference's {@code cifar_resnet/resnet_train_eval.py}, same names and defaults,
 * plus {@code --use_folder_stub} (as {@code imagenet_train_eval.py}'s) and {@code --shuffle_buffer}
 * (data_helper.py's fixed 50,000, smaller for small data). {@code --master} and {@code --ps_task}
 * are accepted and ignored; so are {@code --pruning_hparams} and {@code --dataset_size}, which the
 * reference defines but never reads.
 */
final class CifarFlags {
  @Option(names = "--mode", defaultValue = "train", description = "train, eval or train_and_eval (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--train_dir", defaultValue = "runs/cifar10/", description = "Checkpoints, events and eval_results.json, under the folder stub (default: ${DEFAULT-VALUE}; the reference writes to /tmp/cifar10/).")
  Path trainDir;

  @Option(names = "--use_folder_stub", defaultValue = "true", arity = "0..1", description = "Append method/sparsity/begin/end/frequency to train_dir as the reference always does (default: ${DEFAULT-VALUE}).")
  boolean useFolderStub;

  @Option(names = "--data_directory", description = "Required: folder of the CIFAR-10 binary files (data_batch_1..5.bin, test_batch.bin), directly or in cifar-10-batches-bin.")
  Path dataDirectory;

  @Option(names = "--shuffle_buffer", defaultValue = "" + CifarInputConfig.DEFAULT_SHUFFLE_BUFFER, description = "Training images shuffled through; the reference's is the whole training set (default: ${DEFAULT-VALUE}).")
  int shuffleBuffer;

  @Option(names = "--resnet_depth", defaultValue = "16", description = "6n+4 core convolutional layers (default: ${DEFAULT-VALUE}).")
  int resnetDepth;

  @Option(names = "--resnet_width", defaultValue = "4", description = "Widening factor of the residual blocks (default: ${DEFAULT-VALUE}).")
  int resnetWidth;

  @Option(names = "--num_classes", defaultValue = "10", description = "Number of classes (default: ${DEFAULT-VALUE}).")
  int numClasses;

  @Option(names = "--batch_size", defaultValue = "128", description = "Training and evaluation batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--num_towers", defaultValue = "0", description = "Data-parallel towers splitting each batch, gradients averaged; 0: one per visible GPU (-Pgpu), else 1. Not in the reference (default: ${DEFAULT-VALUE}).")
  int numTowers;

  @Option(names = "--max_steps", defaultValue = "97656", description = "250 epochs (default: ${DEFAULT-VALUE}).")
  long maxSteps;

  @Option(names = "--training_steps_multiplier", defaultValue = "1.0", description = "Scales max_steps, the mask-update and pruning steps and the LR boundaries (default: ${DEFAULT-VALUE}).")
  double trainingStepsMultiplier;

  @Option(names = "--momentum", defaultValue = "0.9", description = "Nesterov momentum (default: ${DEFAULT-VALUE}).")
  float momentum;

  @Option(names = "--l2", defaultValue = "5e-4", description = "L2 scale of every kernel (default: ${DEFAULT-VALUE}).")
  float l2;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights, masks, mask updates and data order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--checkpoint_steps", defaultValue = "5000", description = "Steps between checkpoints (and evaluations in train_and_eval) (default: ${DEFAULT-VALUE}).")
  long checkpointSteps;

  @Option(names = "--keep_checkpoint_max", defaultValue = "5", description = "0 keeps all (default: ${DEFAULT-VALUE}).")
  int keepCheckpointMax;

  @Option(names = "--summaries_steps", defaultValue = "300", description = "Steps between TensorBoard summaries (default: ${DEFAULT-VALUE}).")
  long summariesSteps;

  @Option(names = "--per_class_metrics", defaultValue = "true", arity = "0..1", description = "Per-class precision and recall among the evaluation metrics (default: ${DEFAULT-VALUE}).")
  boolean perClassMetrics;

  @Mixin SparseTrainingOptions sparse = new SparseTrainingOptions();

  @Mixin InitialCheckpointOptions checkpoints = new InitialCheckpointOptions();

  @Option(names = "--sparsity_begin_step", defaultValue = "20000", description = "prune: first pruning step (default: ${DEFAULT-VALUE}).")
  long sparsityBeginStep;

  @Option(names = "--sparsity_end_step", defaultValue = "75000", description = "prune: last pruning step (default: ${DEFAULT-VALUE}).")
  long sparsityEndStep;

  @Option(names = "--pruning_frequency", defaultValue = "1000", description = "prune: steps between pruning steps (default: ${DEFAULT-VALUE}).")
  long pruningFrequency;

  @Option(names = "--prune_first_layer", defaultValue = "false", arity = "0..1", description = "Mask conv_1 (default: ${DEFAULT-VALUE}).")
  boolean pruneFirstLayer;

  @Option(names = "--prune_last_layer", defaultValue = "true", arity = "0..1", description = "Mask logits (default: ${DEFAULT-VALUE}).")
  boolean pruneLastLayer;

  @Option(names = {"--master", "--ps_task", "--pruning_hparams", "--dataset_size"}, hidden = true, arity = "0..1",
      description = "Flags of the reference that it (or this port) never reads, accepted and ignored.")
  List<String> ignored;

  /** The driver's settings from these flags, the training method checked against those it accepts. */
  CifarSettings toSettings() {
    CifarSettings s = new CifarSettings();
    s.mode = mode;
    s.trainDir = trainDir;
    s.useFolderStub = useFolderStub;
    s.dataDirectory = dataDirectory;
    s.shuffleBuffer = shuffleBuffer;
    s.resnetDepth = resnetDepth;
    s.resnetWidth = resnetWidth;
    s.numClasses = numClasses;
    s.batchSize = batchSize;
    s.numTowers = numTowers;
    s.maxSteps = maxSteps;
    s.trainingStepsMultiplier = trainingStepsMultiplier;
    s.momentum = momentum;
    s.l2 = l2;
    s.seed = seed;
    s.checkpointSteps = checkpointSteps;
    s.keepCheckpointMax = keepCheckpointMax;
    s.summariesSteps = summariesSteps;
    s.perClassMetrics = perClassMetrics;
    s.pruneFirstLayer = pruneFirstLayer;
    s.pruneLastLayer = pruneLastLayer;
    s.initialValueCheckpoint = checkpoints.initialValueCheckpoint;
    s.sparse = sparse.config(CifarSetup.METHODS)
        .pruning(sparsityBeginStep, sparsityEndStep, pruningFrequency)
        .loadMaskDir(checkpoints.loadMaskDir)
        .build();
    return s;
  }
}
