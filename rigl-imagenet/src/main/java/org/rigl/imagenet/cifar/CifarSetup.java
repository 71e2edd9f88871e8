package org.rigl.imagenet.cifar;

import java.nio.file.Path;
import java.util.List;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.SparseTrainingRules;
import org.rigl.core.update.TrainingMethod;
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
    CifarSettings flags, Path trainDir, long maxSteps, long[] lrBoundaries, WideResNet.Builder model,
    SparseTrainingConfig sparse) {

  public static final List<String> MODES = List.of("train", "eval", "train_and_eval");
  /** resnet_train_eval.py's training methods: all but dnw. */
  public static final List<TrainingMethod> METHODS =
      TrainingMethod.named("scratch", "set", "baseline", "momentum", "rigl", "static", "snip", "prune");
  /** Masks may come from --load_mask_dir, and scratch's must; prune is scheduled by the sparsity_* flags. */
  public static final SparseTrainingRules SPARSE_RULES = SparseTrainingRules.of(METHODS)
      .withLoadedMasks(true)
      .withPruneFlags("--sparsity_begin_step", "--sparsity_end_step", "--pruning_frequency", " (after training_steps_multiplier)");
  /** {@code train_fn}'s piecewise-constant boundaries, before the multiplier. */
  private static final long[] LR_BOUNDARIES = {30000, 60000, 90000};

  public static CifarSetup of(CifarSettings f) {
    f.validate();
    double m = f.trainingStepsMultiplier;
    SparseTrainingConfig s = f.sparse;
    SparseTrainingConfig sparse = s.toBuilder()
        .maskUpdates((long) (s.maskupdateBeginStep() * m), (long) (s.maskupdateEndStep() * m), s.maskupdateFrequency())
        .pruning((long) (s.pruneBeginStep() * m), (long) (s.pruneEndStep() * m), s.pruningFrequency())
        .seed(f.seed)
        .build()
        .validate(SPARSE_RULES);

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
        .pruningMethod(sparse.method() == TrainingMethod.BASELINE ? "baseline" : "threshold");
    Path trainDir = f.useFolderStub ? f.trainDir.resolve(folderStub(sparse)) : f.trainDir;
    return new CifarSetup(f, trainDir, (long) (f.maxSteps * m), boundaries, model, sparse);
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
    if (s.method().isDynamic()) {
      return Path.of(method, PythonFloats.str(s.endSparsity()), Long.toString(s.maskupdateBeginStep()),
          Long.toString(s.maskupdateEndStep()), Long.toString(s.maskupdateFrequency()));
    }
    return Path.of(method, "0.0", "0.0", "0.0", "0.0");
  }
}
