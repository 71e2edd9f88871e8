package org.rigl.tools;

import org.rigl.core.flags.FlagChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.imagenet.mnist.IdxDataset;
import org.rigl.imagenet.mnist.MnistFlags;
import org.rigl.imagenet.mnist.MnistOutcome;
import org.rigl.imagenet.mnist.MnistRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigl train-mnist}: the reference's {@code mnist/mnist_train_eval.py}, same flags and defaults. */
@Command(
    name = "train-mnist",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    modelTransformer = TrainMnistCommand.SparseDefaults.class,
    description = {
      "mnist_train_eval.py: the MNIST MLP with any training method, incl. magnitude pruning.",
      "Trains the 784-300-100-10 MLP on MNIST-format IDX files (MNIST or Fashion-MNIST, gz or not) with the",
      "flags and defaults of mnist_train_eval.py, printing its per-epoch line and compressed-shape report, and",
      "leaving its files in --save_path: the same lines in <hyper_params_string>.txt, TensorBoard events and the",
      "final checkpoint model.ckpt.",
      "Example: ./rigl train-mnist --training_method=rigl --num_epochs=20 --save_path=runs/mnist_rigl"
    })
final class TrainMnistCommand implements Callable<Integer> {
  @Mixin SparseTrainingOptions sparse;
  @Mixin ComputeFlags compute;

  @Option(names = "--mnist",
      description = "Folder with the train-/t10k- IDX files of the MNIST data set (default: Debian's Fashion-MNIST, else the bundled subset).")
  Path mnist;

  @Option(names = "--batch_size", defaultValue = "100", description = "The number of samples in each batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--learning_rate", defaultValue = "0.2", description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--momentum", defaultValue = "0.9", description = "Momentum (default: ${DEFAULT-VALUE}).")
  double momentum;

  @Option(names = "--use_nesterov", defaultValue = "true", arity = "1", description = "Use Nesterov momentum (default: ${DEFAULT-VALUE}).")
  boolean useNesterov;

  @Option(names = "--num_epochs", defaultValue = "200", description = "Number of epochs to run (default: ${DEFAULT-VALUE}).")
  int numEpochs;

  @Option(names = "--lr_drop_epoch", defaultValue = "75",
      description = "The epoch at which sparse methods start dropping the learning rate: divided by 3 there and again 20 epochs "
          + "later (baseline: at epochs 60, 70 and 80; adam: never) (default: ${DEFAULT-VALUE}).")
  int lrDropEpoch;

  @Option(names = "--optimizer", defaultValue = "momentum", description = "Optimizer to use: sgd, momentum or adam (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--l2_scale", defaultValue = "1e-4", description = "L2 loss scale (default: ${DEFAULT-VALUE}).")
  double l2Scale;

  @Option(names = "--network_type", defaultValue = "fc", description = "Type of the network: fc (the MLP) (default: ${DEFAULT-VALUE}).")
  String networkType;

  @Option(names = "--input_mask_path", defaultValue = "",
      description = "If given, a checkpoint (prefix, or folder with a checkpoint state file) whose first mask, layer1/mask, "
          + "masks the input: pixels whose outgoing connections are all masked are dropped from the training and test "
          + "images, and the network takes only the others (default: none).")
  String inputMaskPath;

  @Option(names = "--sparsity_scale", defaultValue = "0.9",
      description = "Relative sparsity of the second layer: layer2's sparsity is end_sparsity times this (default: ${DEFAULT-VALUE}).")
  double sparsityScale;

  @Option(names = "--mask_record_frequency", defaultValue = "0",
      description = "Iteration interval between mask records, 0 for none: every mask is recorded as booleans before the "
          + "train op of iterations 0, N, 2N, ... and saved as save_path/mask_records.npz under keys "
          + "'<iteration>/<mask name>' (np.load reads it; the reference np.save's a pickled dict instead). "
          + "Not for baseline, which has no masks (default: ${DEFAULT-VALUE}).")
  long maskRecordFrequency;

  @Option(names = "--prune_begin_step", defaultValue = "2000", description = "Step to begin pruning (default: ${DEFAULT-VALUE}).")
  long pruneBeginStep;

  @Option(names = "--prune_end_step", defaultValue = "30000", description = "Step to end pruning (default: ${DEFAULT-VALUE}).")
  long pruneEndStep;

  @Option(names = "--pruning_frequency", defaultValue = "500", description = "How often to prune, in steps (default: ${DEFAULT-VALUE}).")
  long pruningFrequency;

  @Option(names = "--threshold_decay", defaultValue = "0", description = "Threshold decay for pruning (default: ${DEFAULT-VALUE}).")
  double thresholdDecay;

  @Option(names = "--save_path", defaultValue = "runs/mnist",
      description = "Where to save the run's log, the events, the model and the mask records (default: ${DEFAULT-VALUE}).")
  Path savePath;

  @Option(names = "--save_model", defaultValue = "true", arity = "1", description = "Whether to save the model (default: ${DEFAULT-VALUE}).")
  boolean saveModel;

  @Option(names = "--seed", defaultValue = "0", description = "Sets the random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--train_steps", defaultValue = "0",
      description = "Stop after this many steps, 0 for num_epochs epochs (not in the reference) (default: ${DEFAULT-VALUE}).")
  long trainSteps;

  @Override
  public Integer call() throws IOException {
    FlagChecks.nonEmpty("--mnist", mnist);
    if (!networkType.equals("fc")) {
      throw new IllegalArgumentException("--network_type: '" + networkType + "' is not supported (valid: fc)");
    }
    Map<String, Double> custom = new HashMap<>(MnistFlags.customSparsities(sparse.endSparsity, sparsityScale));
    SparseTrainingConfig config = sparse.config(MnistFlags.METHODS)
        .customSparsityMap(custom)
        .pruning(pruneBeginStep, pruneEndStep, pruningFrequency)
        .thresholdDecay(thresholdDecay)
        .seed(seed)
        .build();
    MnistFlags flags = new MnistFlags(batchSize, learningRate, momentum, useNesterov, numEpochs, lrDropEpoch, optimizer,
        l2Scale, sparsityScale, config, trainSteps, 0, savePath, saveModel, false, inputMaskPath, maskRecordFrequency,
        compute.toOptions());
    Path data = mnist != null ? mnist : FashionMnistLocator.find();
    IdxDataset train = IdxDataset.read(data, "train");
    IdxDataset test = IdxDataset.read(data, "t10k");
    MnistOutcome outcome = new MnistRun(flags, System.out).train(train, test);
    System.out.printf("final test accuracy %.4f, sparsity %.4f, %d weights%n", outcome.testAccuracy(), outcome.sparsity(),
        outcome.params());
    return 0;
  }

  /** mnist_train_eval.py's defaults and help texts of the shared sparse-training flags. */
  static final class SparseDefaults extends CommandDefaults {
    @Override
    protected Map<String, Default> defaults() {
      return Map.ofEntries(
          entry("--training_method", "baseline",
              "Method used for training the sparse network: scratch, set, baseline, momentum, rigl, static, snip or prune. "
                  + "scratch keeps the initial mask during training, set is sparse evolutionary training and baseline is the dense "
                  + "baseline (default: ${DEFAULT-VALUE})."),
          entry("--drop_fraction", "0.3",
              "When the mask changes dynamically, the fraction of each layer's connections dropped and regrown at "
                  + "every mask update (default: ${DEFAULT-VALUE})."),
          entry("--drop_fraction_anneal", "cosine",
              "How the drop fraction is annealed during sparse training: constant, cosine or exponential_<k> with "
                  + "k the exponent, as in exponential_3, exponential_.3 or exponential_0.3 (default: ${DEFAULT-VALUE})."),
          entry("--grow_init", "zeros",
              "Initial value of regrown connections: zeros, initial_dist, random_normal or random_uniform "
                  + "(rigl also grad_scale, grad_sign) (default: ${DEFAULT-VALUE})."),
          entry("--s_momentum", "0.9",
              "Momentum of the exponential moving average of gradients, for training_method=momentum "
                  + "(default: ${DEFAULT-VALUE})."),
          entry("--rigl_acc_scale", "0",
              "RigL: scales the initial accumulated gradients (optimizer slots) of new connections (default: ${DEFAULT-VALUE})."),
          entry("--maskupdate_begin_step", "0", "Step to begin mask updates (default: ${DEFAULT-VALUE})."),
          entry("--maskupdate_end_step", "50000", "Step to end mask updates (default: ${DEFAULT-VALUE})."),
          entry("--maskupdate_frequency", "100", "Step interval between mask updates (default: ${DEFAULT-VALUE})."),
          entry("--mask_init_method", "random", "How the mask is initialized: random or erdos_renyi (default: ${DEFAULT-VALUE})."),
          entry("--end_sparsity", "0.98", "Desired sparsity of the final model (default: ${DEFAULT-VALUE})."));
    }
  }
}
