package org.rigl.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.imagenet.mnist.IdxDataset;
import org.rigl.imagenet.mnist.MnistFlags;
import org.rigl.imagenet.mnist.MnistTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rigl train-mnist}: the reference's {@code mnist/mnist_train_eval.py}, same flags and defaults. */
@Command(
    name = "train-mnist",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "mnist_train_eval.py: the MNIST MLP with any training method, incl. magnitude pruning.",
      "Trains the 784-300-100-10 MLP on MNIST-format IDX files (MNIST or Fashion-MNIST, gz or not) with the",
      "flags and defaults of mnist_train_eval.py, printing its per-epoch line and compressed-shape report, and",
      "writing TensorBoard events and the final checkpoint to --save_path.",
      "Example: ./rigl train-mnist --training_method=rigl --num_epochs=20 --save_path=runs/mnist_rigl"
    })
final class TrainMnistCommand implements Callable<Integer> {
  @Option(names = "--mnist", description = "Folder with train-/t10k- IDX files (default: Debian's Fashion-MNIST, else the bundled subset).")
  Path mnist;

  @Option(names = "--batch_size", defaultValue = "100") int batchSize;
  @Option(names = "--learning_rate", defaultValue = "0.2") float learningRate;
  @Option(names = "--momentum", defaultValue = "0.9") float momentum;
  @Option(names = "--use_nesterov", defaultValue = "true", arity = "1") boolean useNesterov;
  @Option(names = "--num_epochs", defaultValue = "200") int numEpochs;
  @Option(names = "--lr_drop_epoch", defaultValue = "75") int lrDropEpoch;
  @Option(names = "--optimizer", defaultValue = "momentum", description = "sgd, momentum or adam (default: ${DEFAULT-VALUE}).") String optimizer;
  @Option(names = "--l2_scale", defaultValue = "1e-4") float l2Scale;
  @Option(names = "--network_type", defaultValue = "fc", description = "fc (the MLP; default: ${DEFAULT-VALUE}).") String networkType;
  @Option(names = "--training_method", defaultValue = "baseline",
      description = "scratch, set, baseline, momentum, rigl, static, snip, prune (default: ${DEFAULT-VALUE}).") String trainingMethod;
  @Option(names = "--drop_fraction", defaultValue = "0.3") double dropFraction;
  @Option(names = "--drop_fraction_anneal", defaultValue = "cosine") String dropFractionAnneal;
  @Option(names = "--grow_init", defaultValue = "zeros") String growInit;
  @Option(names = "--s_momentum", defaultValue = "0.9") double sMomentum;
  @Option(names = "--sparsity_scale", defaultValue = "0.9", description = "layer2's sparsity is end_sparsity times this (default: ${DEFAULT-VALUE}).") double sparsityScale;
  @Option(names = "--rigl_acc_scale", defaultValue = "0") double riglAccScale;
  @Option(names = "--maskupdate_begin_step", defaultValue = "0") long maskupdateBeginStep;
  @Option(names = "--maskupdate_end_step", defaultValue = "50000") long maskupdateEndStep;
  @Option(names = "--maskupdate_frequency", defaultValue = "100") long maskupdateFrequency;
  @Option(names = "--mask_init_method", defaultValue = "random") String maskInitMethod;
  @Option(names = "--prune_begin_step", defaultValue = "2000") long pruneBeginStep;
  @Option(names = "--prune_end_step", defaultValue = "30000") long pruneEndStep;
  @Option(names = "--end_sparsity", defaultValue = "0.98") double endSparsity;
  @Option(names = "--pruning_frequency", defaultValue = "500") long pruningFrequency;
  @Option(names = "--threshold_decay", defaultValue = "0") double thresholdDecay;
  @Option(names = "--save_path", defaultValue = "runs/mnist", description = "Events, log and checkpoint (default: ${DEFAULT-VALUE}).") Path savePath;
  @Option(names = "--save_model", defaultValue = "true", arity = "1") boolean saveModel;
  @Option(names = "--seed", defaultValue = "0") long seed;
  @Option(names = "--train_steps", defaultValue = "0", description = "Stop after this many steps (0: num_epochs epochs).") long trainSteps;

  @Override
  public Integer call() throws IOException {
    if (!networkType.equals("fc")) {
      throw new IllegalArgumentException("--network_type: '" + networkType + "' is not supported (valid: fc)");
    }
    Map<String, Double> custom = new HashMap<>(MnistFlags.customSparsities(endSparsity, sparsityScale));
    SparseTrainingConfig sparse = new SparseTrainingConfig(trainingMethod, endSparsity, maskInitMethod, 1.0, custom,
        dropFraction, dropFractionAnneal, growInit, sMomentum, riglAccScale, maskupdateBeginStep, maskupdateEndStep,
        maskupdateFrequency, pruneBeginStep, pruneEndStep, pruningFrequency, thresholdDecay, seed);
    MnistFlags flags = new MnistFlags(batchSize, learningRate, momentum, useNesterov, numEpochs, lrDropEpoch, optimizer,
        l2Scale, sparsityScale, sparse, trainSteps, 0, savePath, saveModel, false);
    Path data = mnist != null ? mnist : FashionMnistLocator.find();
    IdxDataset train = IdxDataset.read(data, "train");
    IdxDataset test = IdxDataset.read(data, "t10k");
    MnistTrainer.Outcome outcome = new MnistTrainer(flags, System.out).train(train, test);
    System.out.printf("final test accuracy %.4f, sparsity %.4f, %d weights%n", outcome.testAccuracy(), outcome.sparsity(),
        outcome.params());
    return 0;
  }
}
