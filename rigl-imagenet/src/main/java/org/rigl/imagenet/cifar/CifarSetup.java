package org.rigl.imagenet.cifar;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rigl.core.sparsity.SparsityDistribution;
import org.rigl.core.update.DropFractionSchedule;
import org.rigl.core.update.GrowInit;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethods;
import org.rigl.core.update.UpdateSchedule;
import org.rigl.imagenet.train.PythonFloats;
import org.rigl.models.WideResNet;

/**
 * The flags resolved as {@code resnet_train_eval.main} resolves them: checked values,
 * {@code training_steps_multiplier} applied to the steps and LR boundaries, the train_dir folder
 * stub, the Wide ResNet and the sparse-training configuration.
 *
 * @param trainDir {@code --train_dir} plus the folder stub: where everything is written
 * @param maxSteps {@code int(max_steps * multiplier)}
 * @param lrBoundaries {@code [30000, 60000, 90000]}, each {@code int(x * multiplier)}
 * @param model {@code build_model}'s WideResNetModel: masked layers unless the method is baseline
 * @param sparse the method's configuration, with no custom sparsities (the script passes {})
 */
public record CifarSetup(
    CifarFlags flags, Path trainDir, long maxSteps, long[] lrBoundaries, WideResNet.Builder model,
    SparseTrainingConfig sparse) {

  public static final List<String> MODES = List.of("train", "eval", "train_and_eval");
  /** {@code train_fn}'s piecewise-constant boundaries, before the multiplier. */
  private static final long[] LR_BOUNDARIES = {30000, 60000, 90000};

  public static CifarSetup of(CifarFlags f) {
    checkFlags(f);
    double m = f.trainingStepsMultiplier;
    SparseTrainingConfig sparse = new SparseTrainingConfig(f.trainingMethod, f.sparseTraining.endSparsity, f.maskInitMethod, 1.0,
        Map.of(), f.sparseTraining.dropFraction, f.sparseTraining.dropFractionAnneal, f.sparseTraining.growInit, f.sparseTraining.sMomentum, f.sparseTraining.riglAccScale,
        (long) (f.sparseTraining.maskupdateBeginStep * m), (long) (f.maskupdateEndStep * m), f.sparseTraining.maskupdateFrequency,
        (long) (f.sparsityBeginStep * m), (long) (f.sparsityEndStep * m), f.pruningFrequency, 0, f.seed);
    checkMethodFlags(f, sparse);

    long[] boundaries = new long[LR_BOUNDARIES.length];
    for (int i = 0; i < boundaries.length; i++) {
      boundaries[i] = (long) (LR_BOUNDARIES[i] * m);
    }
    WideResNet.Builder model = WideResNet.builder()
        .depth(f.resnetDepth)
        .width(f.resnetWidth)
        .numClasses(f.numClasses)
        .firstLayerSparsity(f.pruneFirstLayer ? -1 : 0)
        .lastLayerSparsity(f.pruneLastLayer ? -1 : 0)
        .pruningMethod(f.trainingMethod.equals("baseline") ? "baseline" : "threshold");
    Path trainDir = f.useFolderStub ? f.trainDir.resolve(folderStub(sparse)) : f.trainDir;
    return new CifarSetup(f, trainDir, (long) (f.maxSteps * m), boundaries, model, sparse);
  }

  private static void checkFlags(CifarFlags f) {
    check(MODES.contains(f.mode), "--mode: '" + f.mode + "' is not valid (valid: " + String.join(", ", MODES) + ")");
    TrainingMethods.check(f.trainingMethod, TrainingMethods.WITH_PRUNE);
    check(f.dataDirectory != null, "--data_directory is required: a folder of CIFAR-10 binary files");
    check(f.resnetDepth >= 10 && (f.resnetDepth - 4) % 6 == 0,
        "--resnet_depth " + f.resnetDepth + " is not valid (valid: 6n+4 with n >= 1: 10, 16, 22, 28, ...)");
    check(f.resnetWidth > 0, "--resnet_width must be positive, got " + f.resnetWidth);
    check(f.numClasses >= CifarInput.NUM_CLASSES,
        "--num_classes " + f.numClasses + " is fewer than CIFAR-10's " + CifarInput.NUM_CLASSES + " labels");
    check(f.batchSize > 0, "--batch_size must be positive, got " + f.batchSize);
    check(f.shuffleBuffer > 0, "--shuffle_buffer must be positive, got " + f.shuffleBuffer);
    check(f.checkpointSteps > 0, "--checkpoint_steps must be positive, got " + f.checkpointSteps);
    check(f.summariesSteps > 0, "--summaries_steps must be positive, got " + f.summariesSteps);
    check(f.keepCheckpointMax >= 0, "--keep_checkpoint_max must be >= 0 (0 keeps all), got " + f.keepCheckpointMax);
    check(f.sparseTraining.endSparsity >= 0 && f.sparseTraining.endSparsity < 1, "--end_sparsity must be in [0, 1), got " + f.sparseTraining.endSparsity);
  }

  /** The flags the chosen method reads, checked now rather than when the graph is built. */
  private static void checkMethodFlags(CifarFlags f, SparseTrainingConfig s) {
    String method = s.trainingMethod();
    boolean dynamic = TrainingMethods.DYNAMIC.contains(method);
    boolean masksLoaded = !f.sparseTraining.loadMaskDir.isEmpty() && !TrainingMethods.NO_MASK_INIT.contains(method);
    // wide_resnet_w_pruning asserts this: scratch masks come only from a checkpoint.
    check(!method.equals("scratch") || masksLoaded,
        "--training_method=scratch needs --load_mask_dir (resnet_train_eval.py gives scratch no random masks)");
    if (method.equals("snip") || (dynamic && !masksLoaded)) {
      try {
        SparsityDistribution.parse(s.maskInitMethod());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--mask_init_method: '" + s.maskInitMethod() + "' is not valid (valid: "
            + SparsityDistribution.validNames() + ")");
      }
    }
    if (dynamic) {
      check(s.maskupdateFrequency() > 0, "--maskupdate_frequency must be positive, got " + s.maskupdateFrequency());
      check(s.dropFraction() >= 0 && s.dropFraction() <= 1, "--drop_fraction must be in [0, 1], got " + s.dropFraction());
      try {
        DropFractionSchedule.parse(s.dropFractionAnneal(), s.dropFraction(),
            new UpdateSchedule(s.maskupdateBeginStep(), s.maskupdateEndStep(), s.maskupdateFrequency()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--drop_fraction_anneal: '" + s.dropFractionAnneal()
            + "' is not valid (valid: constant, cosine, exponential_<k>)");
      }
      try {
        GrowInit.parse(s.growInit(), method.equals("rigl"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--grow_init: " + e.getMessage());
      }
    }
    if (method.equals("prune")) {
      check(s.pruningFrequency() > 0, "--pruning_frequency must be positive, got " + s.pruningFrequency());
      // contrib pruning's own check: "Pruning must always begin before it ends".
      check(s.pruneBeginStep() < s.pruneEndStep(), "--sparsity_begin_step " + s.pruneBeginStep()
          + " must come before --sparsity_end_step " + s.pruneEndStep() + " (after training_steps_multiplier)");
    }
  }

  /**
   * {@code main}'s {@code folder_stub}: method/end_sparsity/begin/end/frequency with the scaled
   * pruning steps for prune, the scaled mask-update steps for the dynamic methods, and
   * {@code 0.0/0.0/0.0/0.0} for baseline, snip and scratch.
   */
  static Path folderStub(SparseTrainingConfig s) {
    String method = s.trainingMethod();
    if (method.equals("prune")) {
      return Path.of(method, PythonFloats.str(s.endSparsity()), Long.toString(s.pruneBeginStep()),
          Long.toString(s.pruneEndStep()), Long.toString(s.pruningFrequency()));
    }
    if (TrainingMethods.DYNAMIC.contains(method)) {
      return Path.of(method, PythonFloats.str(s.endSparsity()), Long.toString(s.maskupdateBeginStep()),
          Long.toString(s.maskupdateEndStep()), Long.toString(s.maskupdateFrequency()));
    }
    return Path.of(method, "0.0", "0.0", "0.0", "0.0");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
