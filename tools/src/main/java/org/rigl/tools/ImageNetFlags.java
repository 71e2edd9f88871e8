package org.rigl.tools;

import java.nio.file.Path;
import org.rigl.imagenet.train.ImageNetSettings;
import org.rigl.imagenet.train.ImageNetSetup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of the reference's {@code imagenet_resnet/imagenet_train_eval.py}, same names and
 * defaults, plus {@code --image_size}, {@code --label_offset} and {@code --skip_bad_records}.
 * TPU-only flags are accepted and ignored, so reference command lines run unchanged.
 */
final class ImageNetFlags {
  @Option(names = "--mode", defaultValue = "train", description = "train, eval, train_and_eval or eval_once (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--output_dir", defaultValue = "runs/imagenet/", description = "Checkpoints, events and eval_results.json (default: ${DEFAULT-VALUE}; the reference writes to /tmp/imagenet/).")
  Path outputDir;

  @Option(names = "--data_directory", description = "Folder of train-* / validation-* TFRecord shards; unset: synthetic data, as the reference.")
  Path dataDirectory;

  @Option(names = "--use_folder_stub", defaultValue = "true", arity = "1", description = "Append method/sparsity/... to output_dir as the reference (default: ${DEFAULT-VALUE}).")
  boolean useFolderStub;

  @Option(names = "--model_architecture", defaultValue = "resnet", description = "resnet, mobilenet_v1, mobilenet_v2, vgg_16, vgg_a, vgg_19 (default: ${DEFAULT-VALUE}).")
  String modelArchitecture;

  @Option(names = "--resnet_depth", defaultValue = "50", description = "18, 34, 50, 101, 152 or 200 (default: ${DEFAULT-VALUE}).")
  int resnetDepth;

  @Option(names = "--width", defaultValue = "-1", description = "Width multiplier; <= 0 means 1 (default: ${DEFAULT-VALUE}).")
  double width;

  @Option(names = "--expansion_factor", defaultValue = "6", description = "MobileNet-v2 expansion (default: ${DEFAULT-VALUE}).")
  double expansionFactor;

  @Option(names = "--num_label_classes", defaultValue = "1000", description = "Number of classes, at least 2 (default: ${DEFAULT-VALUE}).")
  int numLabelClasses;

  @Option(names = "--image_size", defaultValue = "224", description = "Input side in pixels (default: ${DEFAULT-VALUE}).")
  int imageSize;

  @Option(names = "--label_offset", defaultValue = "1", description = "Subtracted from image/class/label; ImageNet labels are 1..1000 (default: ${DEFAULT-VALUE}).")
  int labelOffset;

  @Option(names = "--skip_bad_records", description = "Skip corrupt records or undecodable images (counted) instead of failing.")
  boolean skipBadRecords;

  @Option(names = "--init_method", defaultValue = "baseline", description = "baseline or sparse (default: ${DEFAULT-VALUE}).")
  String initMethod;

  @Mixin SparseTrainingOptions sparse = new SparseTrainingOptions();

  @Mixin InitialCheckpointOptions checkpoints = new InitialCheckpointOptions();

  @Option(names = "--erk_power_scale", defaultValue = "1.0", description = "0 means uniform, 1 regular ERK (default: ${DEFAULT-VALUE}).")
  double erkPowerScale;

  @Option(names = "--first_layer_sparsity", defaultValue = "0", description = "0: dense unmasked first layer; -1: the method's sparsity; > 0: that sparsity (default: ${DEFAULT-VALUE}).")
  double firstLayerSparsity;

  @Option(names = "--last_layer_sparsity", defaultValue = "-1", description = "As --first_layer_sparsity for the last layer (default: ${DEFAULT-VALUE}).")
  double lastLayerSparsity;

  @Option(names = "--train_steps", defaultValue = "2", description = "The reference's default is 2 (its help mentions 112590) (default: ${DEFAULT-VALUE}).")
  long trainSteps;

  @Option(names = "--training_steps_multiplier", defaultValue = "1.0", description = "Scales train_steps, mask-update steps and the LR schedule (default: ${DEFAULT-VALUE}).")
  double trainingStepsMultiplier;

  @Option(names = "--train_batch_size", defaultValue = "1024", description = "Images per training step, split evenly over the towers (default: ${DEFAULT-VALUE}).")
  int trainBatchSize;

  @Option(names = "--eval_batch_size", defaultValue = "1000", description = "Images per evaluation batch; must divide --num_eval_images (default: ${DEFAULT-VALUE}).")
  int evalBatchSize;

  @Option(names = "--num_train_images", defaultValue = "1281167", description = "Size of the training set: steps per epoch for the LR schedule and current_epoch (default: ${DEFAULT-VALUE}).")
  long numTrainImages;

  @Option(names = "--num_eval_images", defaultValue = "50000", description = "Must be divisible by eval_batch_size (default: ${DEFAULT-VALUE}).")
  long numEvalImages;

  @Option(names = "--steps_per_eval", defaultValue = "1251", description = "train_and_eval: steps between evaluations (default: ${DEFAULT-VALUE}).")
  long stepsPerEval;

  @Option(names = "--steps_per_checkpoint", defaultValue = "1000", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
  long stepsPerCheckpoint;

  @Option(names = "--keep_checkpoint_max", defaultValue = "0", description = "0 keeps all (default: ${DEFAULT-VALUE}).")
  int keepCheckpointMax;

  @Option(names = "--eval_once_ckpt_prefix", defaultValue = "", description = "eval_once: checkpoint prefix inside output_dir (default: the latest).")
  String evalOnceCkptPrefix;

  @Option(names = "--base_learning_rate", defaultValue = "0.1", description = "Per 256 images (default: ${DEFAULT-VALUE}).")
  double baseLearningRate;

  @Option(names = "--momentum", defaultValue = "0.9", description = "Momentum of the (Nesterov) momentum optimizer (default: ${DEFAULT-VALUE}).")
  float momentum;

  @Option(names = "--use_adam", description = "Adam at the scaled base rate instead of Nesterov momentum.")
  boolean useAdam;

  @Option(names = "--use_sgdr", description = "Cosine decay with restarts over epochs.")
  boolean useSgdr;

  @Option(names = "--sgdr_decay_step", defaultValue = "5", description = "SGDR: initial cycle length in epochs (default: ${DEFAULT-VALUE}).")
  float sgdrDecayStep;

  @Option(names = "--sgdr_t_mul", defaultValue = "1.5", description = "SGDR: cycle length multiplier (default: ${DEFAULT-VALUE}).")
  float sgdrTMul;

  @Option(names = "--sgdr_m_mul", defaultValue = "0.5", description = "SGDR: learning-rate multiplier at each restart (default: ${DEFAULT-VALUE}).")
  float sgdrMMul;

  @Option(names = "--weight_decay", defaultValue = "1e-4", description = "L2 regularisation coefficient of the kernels (default: ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(names = "--label_smoothing", defaultValue = "0.1", description = "Relaxes the labels' confidence to 1 - label_smoothing (default: ${DEFAULT-VALUE}).")
  double labelSmoothing;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights, masks, mask updates and data order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--data_format", defaultValue = "channels_last", description = "channels_last (CPU) or channels_first (default: ${DEFAULT-VALUE}).")
  String dataFormat;

  @Option(names = "--num_parallel_calls", defaultValue = "64", description = "Parallel decoders (default: ${DEFAULT-VALUE}).")
  int numParallelCalls;

  @Option(names = "--use_batch_statistics", description = "Evaluate in training mode (batch statistics).")
  boolean useBatchStatistics;

  @Option(names = "--log_mask_imgs_each_iteration", description = "Also log every mask as a TensorBoard image.")
  boolean logMaskImgsEachIteration;

  @Option(names = "--eval_on_train", description = "Evaluate on the training shards.")
  boolean evalOnTrain;

  @Option(names = "--num_towers", defaultValue = "0", description = "Data-parallel towers splitting each batch, gradients averaged; 0: one per visible GPU (-Pgpu), else 1 (default: ${DEFAULT-VALUE}).")
  int numTowers;

  @Option(names = "--worker_hosts", defaultValue = "", description = "host:port of each worker task, comma separated: one tower per task over TensorFlow's gRPC runtime (in-graph replication, variables on task 0; --num_towers is then unused); empty: this process only.")
  String workerHosts;

  @Option(names = "--task_index", defaultValue = "0", description = "With --worker_hosts: 0 trains (the client, serving task 0); others only serve (default: ${DEFAULT-VALUE}).")
  int taskIndex;

  @Option(names = {"--use_tpu", "--precision", "--num_workers", "--master", "--tpu_job_name", "--iterations_per_loop",
      "--num_cores", "--transpose_input", "--is_warm_up", "--block_width", "--block_height", "--export_model_freq",
      "--ps_task"}, hidden = true, arity = "0..1",
      description = "TPU-era flags of the reference, accepted and ignored.")
  java.util.List<String> ignored;

  /** The driver's settings from these flags, the training method checked against those it accepts. */
  ImageNetSettings toSettings() {
    ImageNetSettings s = new ImageNetSettings();
    s.mode = mode;
    s.outputDir = outputDir;
    s.dataDirectory = dataDirectory;
    s.useFolderStub = useFolderStub;
    s.modelArchitecture = modelArchitecture;
    s.resnetDepth = resnetDepth;
    s.width = width;
    s.expansionFactor = expansionFactor;
    s.numLabelClasses = numLabelClasses;
    s.imageSize = imageSize;
    s.labelOffset = labelOffset;
    s.skipBadRecords = skipBadRecords;
    s.firstLayerSparsity = firstLayerSparsity;
    s.lastLayerSparsity = lastLayerSparsity;
    s.trainSteps = trainSteps;
    s.trainingStepsMultiplier = trainingStepsMultiplier;
    s.trainBatchSize = trainBatchSize;
    s.evalBatchSize = evalBatchSize;
    s.numTrainImages = numTrainImages;
    s.numEvalImages = numEvalImages;
    s.stepsPerEval = stepsPerEval;
    s.stepsPerCheckpoint = stepsPerCheckpoint;
    s.keepCheckpointMax = keepCheckpointMax;
    s.evalOnceCkptPrefix = evalOnceCkptPrefix;
    s.baseLearningRate = baseLearningRate;
    s.momentum = momentum;
    s.useAdam = useAdam;
    s.useSgdr = useSgdr;
    s.sgdrDecayStep = sgdrDecayStep;
    s.sgdrTMul = sgdrTMul;
    s.sgdrMMul = sgdrMMul;
    s.weightDecay = weightDecay;
    s.labelSmoothing = labelSmoothing;
    s.seed = seed;
    s.dataFormat = dataFormat;
    s.numParallelCalls = numParallelCalls;
    s.useBatchStatistics = useBatchStatistics;
    s.logMaskImgsEachIteration = logMaskImgsEachIteration;
    s.evalOnTrain = evalOnTrain;
    s.numTowers = numTowers;
    s.workerHosts = workerHosts;
    s.taskIndex = taskIndex;
    s.initialValueCheckpoint = checkpoints.initialValueCheckpoint;
    s.sparse = sparse.config(ImageNetSetup.METHODS).erkPowerScale(erkPowerScale).loadMaskDir(checkpoints.loadMaskDir).build();
    return s;
  }
}
