package org.rigl.imagenet.mnist;

import static org.rigl.core.flags.FlagChecks.inRange;
import static org.rigl.core.flags.FlagChecks.nonEmpty;
import static org.rigl.core.flags.FlagChecks.nonNegative;
import static org.rigl.core.flags.FlagChecks.oneOf;
import static org.rigl.core.flags.FlagChecks.positive;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rigl.core.flags.FlagChecks;
import org.rigl.core.sparse.ComputeOptions;
import org.rigl.core.sparse.SparseComputeMode;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.SparseTrainingRules;
import org.rigl.core.update.TrainingMethod;
import org.rigl.imagenet.train.PythonFloats;

/**
 * The flags of the reference's {@code mnist/mnist_train_eval.py} that shape training, with its
 * defaults in {@link #reference()}. {@code trainSteps} (0: {@code num_epochs} epochs) and
 * {@code evalEverySteps} (0: once per epoch) let short runs such as the quickstart reuse it.
 * {@code inputMaskPath} ('' for none) is a checkpoint whose {@code layer1/mask} selects the input
 * pixels (see {@link InputMask}); {@code maskRecordFrequency} (0: never) is the iteration interval
 * between the mask records written to {@code save_path/mask_records.npz}. {@code learningRate},
 * {@code momentum} and {@code l2Scale} are doubles, as absl's float flags are Python floats: the graph
 * takes them as float32, but the log file's name spells the value typed.
 */
public record MnistFlags(
    int batchSize,
    double learningRate,
    double momentum,
    boolean useNesterov,
    int numEpochs,
    int lrDropEpoch,
    String optimizer,
    double l2Scale,
    double sparsityScale,
    SparseTrainingConfig sparse,
    long trainSteps,
    long evalEverySteps,
    Path savePath,
    boolean saveModel,
    boolean summaryEveryStep,
    String inputMaskPath,
    long maskRecordFrequency,
    ComputeOptions compute) {

  public static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "adam");
  /** The script's training methods: all but dnw. */
  public static final List<TrainingMethod> METHODS =
      TrainingMethod.named("scratch", "set", "baseline", "momentum", "rigl", "static", "snip", "prune");
  public static final SparseTrainingRules SPARSE_RULES = SparseTrainingRules.of(METHODS);
  /** The only {@code --network_type} the script builds. */
  public static final String NETWORK_TYPE = "fc";

  public MnistFlags {
    oneOf("--optimizer", optimizer, OPTIMIZERS);
    sparse.validate(SPARSE_RULES);
    FlagChecks.batchSize("--batch_size", batchSize);
    positive("--learning_rate", learningRate);
    inRange("--momentum", momentum, 0, 1);
    positive("--num_epochs", numEpochs);
    nonNegative("--lr_drop_epoch", lrDropEpoch);
    nonNegative("--l2_scale", l2Scale);
    inRange("--sparsity_scale", sparsityScale, 0, 1);
    nonNegative("--train_steps", trainSteps);
    nonNegative("--mask_record_frequency", maskRecordFrequency);
    nonEmpty("--save_path", savePath);
    if (compute.sparseCompute() != SparseComputeMode.MASKED && !sparse.method().isDynamic()) {
      throw new IllegalArgumentException("--sparse_compute=" + compute.sparseCompute().flagName()
          + " needs a training method that keeps each layer's count of nonzeros (set, rigl, momentum, static), not "
          + sparse.trainingMethod() + "; use --sparse_compute=masked");
    }
  }

  /** mnist_train_eval.py's defaults; {@code trainingMethod} and {@code savePath} chosen by the caller. */
  public static MnistFlags reference(String trainingMethod, Path savePath) {
    double endSparsity = 0.98;
    double sparsityScale = 0.9;
    return new MnistFlags(100, 0.2, 0.9, true, 200, 75, "momentum", 1e-4, sparsityScale,
        SparseTrainingConfig.builder(TrainingMethod.parse(trainingMethod, METHODS)).endSparsity(endSparsity)
            .maskInitMethod("random").customSparsityMap(customSparsities(endSparsity, sparsityScale))
            .dropFractionAnneal("cosine").maskUpdates(0, 50000, 100).pruning(2000, 30000, 500).build(),
        0, 0, savePath, true, false, "", 0, ComputeOptions.DEFAULT);
  }

  /** The script's custom map: layer2 at end_sparsity * sparsity_scale, layer3 dense. */
  public static Map<String, Double> customSparsities(double endSparsity, double sparsityScale) {
    return Map.of("layer2", endSparsity * sparsityScale, "layer3", endSparsity * 0);
  }

  /** Whether masks exist at all: the script builds plain dense layers for 'baseline'. */
  public boolean usesMasks() {
    return !sparse.trainingMethod().equals("baseline");
  }

  /**
   * The script's {@code hyper_params_string}, the name of its per-run log ({@code save_path/<this>.txt}):
   * network type, batch size, learning rate, momentum, optimizer, l2 scale, training method, prune
   * begin and end steps, end sparsity, pruning frequency and seed joined by '_', floats as Python's
   * {@code str()} writes them, e.g. {@code fc_100_0.2_0.9_momentum_0.0001_rigl_2000_30000_0.98_500_0}.
   */
  public String hyperParamsString() {
    return String.join("_", NETWORK_TYPE, Integer.toString(batchSize), PythonFloats.str(learningRate),
        PythonFloats.str(momentum), optimizer, PythonFloats.str(l2Scale), sparse.trainingMethod(),
        Long.toString(sparse.pruneBeginStep()), Long.toString(sparse.pruneEndStep()), PythonFloats.str(sparse.endSparsity()),
        Long.toString(sparse.pruningFrequency()), Long.toString(sparse.seed()));
  }
}
