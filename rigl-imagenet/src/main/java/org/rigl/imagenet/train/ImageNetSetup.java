package org.rigl.imagenet.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rigl.core.train.LearningRates;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethods;
import org.rigl.models.ModelFlags;
import org.rigl.models.ModelZoo;

/**
 * The flags resolved as {@code imagenet_train_eval.main} resolves them: checked values, the output
 * folder stub, {@code training_steps_multiplier} applied to the steps and the LR schedule, the model
 * name and the sparse-training configuration.
 */
public record ImageNetSetup(
    ImageNetFlags flags,
    Path outputDir,
    long trainSteps,
    List<LearningRates.EpochStep> lrSchedule,
    String modelName,
    ModelFlags modelFlags,
    SparseTrainingConfig sparse) {

  public static final List<String> MODES = List.of("train", "eval", "train_and_eval", "eval_once");

  public static ImageNetSetup of(ImageNetFlags f) {
    if (!MODES.contains(f.mode)) {
      throw new IllegalArgumentException("--mode: '" + f.mode + "' is not valid (valid: " + String.join(", ", MODES) + ")");
    }
    TrainingMethods.check(f.trainingMethod, TrainingMethods.IMAGENET);
    if (f.numEvalImages % f.evalBatchSize != 0) {
      throw new IllegalArgumentException("--num_eval_images " + f.numEvalImages + " is not divisible by --eval_batch_size "
          + f.evalBatchSize);
    }
    if (!f.dataFormat.equals("channels_last") && !f.dataFormat.equals("channels_first")) {
      throw new IllegalArgumentException("--data_format: '" + f.dataFormat + "' is not valid (valid: channels_last, channels_first)");
    }
    if (f.trainBatchSize <= 0 || f.evalBatchSize <= 0) {
      throw new IllegalArgumentException("--train_batch_size and --eval_batch_size must be positive");
    }
    if (f.sparseTraining.endSparsity < 0 || f.sparseTraining.endSparsity >= 1) {
      throw new IllegalArgumentException("--end_sparsity must be in [0, 1), got " + f.sparseTraining.endSparsity);
    }
    boolean oneShot = List.of("snip", "dnw").contains(f.trainingMethod);
    boolean startsSparse = !TrainingMethods.NO_MASK_INIT.contains(f.trainingMethod);
    if (f.maskInitMethod.isEmpty() && (oneShot || (startsSparse && f.sparseTraining.loadMaskDir.isEmpty()))) {
      throw new IllegalArgumentException("--training_method=" + f.trainingMethod
          + " needs --mask_init_method (random, erdos_renyi, erdos_renyi_kernel, str) or --load_mask_dir");
    }
    String model = modelName(f);
    ModelFlags modelFlags = ModelFlags.defaults().withWidth(f.width).withFirstLayerSparsity(f.firstLayerSparsity)
        .withLastLayerSparsity(f.lastLayerSparsity).withNumClasses(f.numLabelClasses);
    ModelZoo.factory(model, modelFlags);

    double m = f.trainingStepsMultiplier;
    long trainSteps = (long) (f.trainSteps * m);
    List<LearningRates.EpochStep> schedule = new ArrayList<>();
    for (LearningRates.EpochStep step : model.startsWith("mobilenet") ? LearningRates.MOBILENET_SCHEDULE : LearningRates.RESNET_SCHEDULE) {
      schedule.add(new LearningRates.EpochStep(step.multiplier(), m == 1.0 ? step.startEpoch() : step.startEpoch() * m));
    }
    SparseTrainingConfig sparse = new SparseTrainingConfig(f.trainingMethod, f.sparseTraining.endSparsity, f.maskInitMethod,
        f.erkPowerScale, Map.of(), f.sparseTraining.dropFraction, f.sparseTraining.dropFractionAnneal, f.sparseTraining.growInit, f.sparseTraining.sMomentum, f.sparseTraining.riglAccScale,
        (long) (f.sparseTraining.maskupdateBeginStep * m), (long) (f.maskupdateEndStep * m), f.sparseTraining.maskupdateFrequency, 0, 0, 1, 0, f.seed);

    Path output = f.outputDir;
    if (f.useFolderStub) {
      // os.path.join(training_method, str(end_sparsity), str(begin), str(end), str(freq), str(drop_fraction),
      // str(label_smoothing), str(weight_decay)), with the flags' own (unscaled) values.
      output = output.resolve(Path.of(f.trainingMethod, PythonFloats.str(f.sparseTraining.endSparsity),
          Long.toString(f.sparseTraining.maskupdateBeginStep), Long.toString(f.maskupdateEndStep), Long.toString(f.sparseTraining.maskupdateFrequency),
          PythonFloats.str(f.sparseTraining.dropFraction), PythonFloats.str(f.labelSmoothing), PythonFloats.str(f.weightDecay)));
    }
    return new ImageNetSetup(f, output, trainSteps, schedule, model, modelFlags, sparse);
  }

  /** {@code model_architecture} (+ {@code resnet_depth}) to a model zoo name. */
  static String modelName(ImageNetFlags f) {
    return switch (f.modelArchitecture) {
      case "resnet" -> "resnet" + f.resnetDepth;
      case "mobilenet_v1", "mobilenet_v2", "vgg_16", "vgg_a", "vgg_19" -> f.modelArchitecture;
      default -> throw new IllegalArgumentException("--model_architecture: '" + f.modelArchitecture
          + "' is not valid (valid: resnet, mobilenet_v1, mobilenet_v2, vgg_16, vgg_a, vgg_19)");
    };
  }

  /** The sparse config with the network's first/last-layer custom sparsities (set_custom_sparsity_map). */
  public SparseTrainingConfig sparseFor(Map<String, Double> networkCustomMap) {
    SparseTrainingConfig s = sparse;
    return new SparseTrainingConfig(s.trainingMethod(), s.endSparsity(), s.maskInitMethod(), s.erkPowerScale(),
        networkCustomMap, s.dropFraction(), s.dropFractionAnneal(), s.growInit(), s.sMomentum(), s.riglAccScale(),
        s.maskupdateBeginStep(), s.maskupdateEndStep(), s.maskupdateFrequency(), s.pruneBeginStep(), s.pruneEndStep(),
        s.pruningFrequency(), s.thresholdDecay(), s.seed());
  }
}
