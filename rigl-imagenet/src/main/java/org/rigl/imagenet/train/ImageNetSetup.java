package org.rigl.imagenet.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rigl.core.train.LearningRates;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.SparseTrainingRules;
import org.rigl.core.update.TrainingMethod;
import org.rigl.models.ModelFlags;
import org.rigl.models.ModelZoo;

/**
 * The flags resolved as {@code imagenet_train_eval.main} resolves them: checked values, the output
 * folder stub, {@code training_steps_multiplier} applied to the steps and the LR schedule, the model
 * name and the sparse-training configuration.
 */
public record ImageNetSetup(
    ImageNetSettings flags,
    Path outputDir,
    long trainSteps,
    List<LearningRates.EpochStep> lrSchedule,
    String modelName,
    ModelFlags modelFlags,
    SparseTrainingConfig sparse) {

  public static final List<String> MODES = List.of("train", "eval", "train_and_eval", "eval_once");
  /** imagenet_train_eval.py's training methods: all but prune. */
  public static final List<TrainingMethod> METHODS =
      TrainingMethod.named("scratch", "baseline", "snip", "dnw", "set", "momentum", "rigl", "static");
  /** Masks from --mask_init_method, or from --load_mask_dir for any method that starts sparse. */
  public static final SparseTrainingRules SPARSE_RULES = SparseTrainingRules.of(METHODS).withLoadedMasks(false);

  public static ImageNetSetup of(ImageNetSettings f) {
    f.validate();
    double m = f.trainingStepsMultiplier;
    SparseTrainingConfig flagged = f.sparse.validate(SPARSE_RULES);
    SparseTrainingConfig sparse = flagged.toBuilder()
        .maskUpdates((long) (flagged.maskupdateBeginStep() * m), (long) (flagged.maskupdateEndStep() * m),
            flagged.maskupdateFrequency())
        .seed(f.seed)
        .build();
    String model = modelName(f);
    ModelFlags modelFlags = ModelFlags.defaults().withWidth(f.width).withFirstLayerSparsity(f.firstLayerSparsity)
        .withLastLayerSparsity(f.lastLayerSparsity).withNumClasses(f.numLabelClasses);
    ModelZoo.factory(model, modelFlags);

    long trainSteps = (long) (f.trainSteps * m);
    List<LearningRates.EpochStep> schedule = new ArrayList<>();
    for (LearningRates.EpochStep step : model.startsWith("mobilenet") ? LearningRates.MOBILENET_SCHEDULE : LearningRates.RESNET_SCHEDULE) {
      schedule.add(new LearningRates.EpochStep(step.multiplier(), m == 1.0 ? step.startEpoch() : step.startEpoch() * m));
    }

    Path output = f.outputDir;
    if (f.useFolderStub) {
      // os.path.join(training_method, str(end_sparsity), str(begin), str(end), str(freq), str(drop_fraction),
      // str(label_smoothing), str(weight_decay)), with the flags' own (unscaled) values.
      output = output.resolve(Path.of(flagged.trainingMethod(), PythonFloats.str(flagged.endSparsity()),
          Long.toString(flagged.maskupdateBeginStep()), Long.toString(flagged.maskupdateEndStep()),
          Long.toString(flagged.maskupdateFrequency()), PythonFloats.str(flagged.dropFraction()),
          PythonFloats.str(f.labelSmoothing), PythonFloats.str(f.weightDecay)));
    }
    return new ImageNetSetup(f, output, trainSteps, schedule, model, modelFlags, sparse);
  }

  /** {@code model_architecture} (+ {@code resnet_depth}) to a model zoo name. */
  static String modelName(ImageNetSettings f) {
    return switch (f.modelArchitecture) {
      case "resnet" -> "resnet" + f.resnetDepth;
      case "mobilenet_v1", "mobilenet_v2", "vgg_16", "vgg_a", "vgg_19" -> f.modelArchitecture;
      default -> throw new IllegalArgumentException("--model_architecture: '" + f.modelArchitecture
          + "' is not valid (valid: resnet, mobilenet_v1, mobilenet_v2, vgg_16, vgg_a, vgg_19)");
    };
  }

  /** The sparse config with the network's first/last-layer custom sparsities (set_custom_sparsity_map). */
  public SparseTrainingConfig sparseFor(Map<String, Double> networkCustomMap) {
    return sparse.toBuilder().customSparsityMap(networkCustomMap).build();
  }
}
