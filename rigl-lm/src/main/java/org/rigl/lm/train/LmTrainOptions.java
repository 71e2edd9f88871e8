package org.rigl.lm.train;

import static org.rigl.core.flags.FlagChecks.batchSize;
import static org.rigl.core.flags.FlagChecks.inRange;
import static org.rigl.core.flags.FlagChecks.nonEmpty;
import static org.rigl.core.flags.FlagChecks.nonNegative;
import static org.rigl.core.flags.FlagChecks.positive;

import java.nio.file.Path;
import org.rigl.core.sparse.ComputeOptions;
import org.rigl.core.sparse.SparseComputeMode;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.SparseTrainingRules;
import org.rigl.core.update.TrainingMethod;
import org.rigl.lm.data.WikiTextSplit;
import org.rigl.lm.model.LmConfig;

/**
 * Everything {@code train-lm} trains and evaluates with.
 *
 * @param clipGradientNorm global-norm clipping of the gradients (TF1 clip_by_global_norm); 0 disables
 * @param stepsPerEval evaluate every this many steps during training (0: only at the end)
 * @param evalBytes evaluate on the first this many bytes of the split (0: all of it)
 * @param sparse the method and its flags; {@code prune} follows the mask-update schedule (the LM
 *     has no pruning flags of its own)
 * @param compute how masked layers multiply and on how many threads; never what is trained
 */
public record LmTrainOptions(
    Path dataDir,
    Path outputDir,
    LmConfig config,
    int seqLen,
    int trainBatchSize,
    int evalBatchSize,
    long trainSteps,
    double learningRate,
    double clipGradientNorm,
    long stepsPerCheckpoint,
    int keepCheckpointMax,
    long stepsPerEval,
    long summarySteps,
    WikiTextSplit evalSplit,
    long evalBytes,
    SparseTrainingConfig sparse,
    ComputeOptions compute) {

  /** Every training method; the pruning schedule is named by the mask-update flags that set it. */
  public static final SparseTrainingRules SPARSE_RULES = SparseTrainingRules.of(TrainingMethod.all())
      .withPruneFlags("--maskupdate_begin_step", "--maskupdate_end_step", "--maskupdate_frequency", "");

  /** Longer unrolls only exhaust memory: WikiText's articles are a few thousand bytes. */
  public static final int MAX_SEQ_LEN = 1 << 16;

  public LmTrainOptions {
    compute = compute == null ? ComputeOptions.DEFAULT : compute;
    sparse = sparse.toBuilder()
        .pruning(sparse.maskupdateBeginStep(), sparse.maskupdateEndStep(), sparse.maskupdateFrequency())
        .thresholdDecay(0)
        .build()
        .validate(SPARSE_RULES);
    inRange("--seq_len", seqLen, 1, MAX_SEQ_LEN);
    batchSize("--train_batch_size", trainBatchSize);
    batchSize("--eval_batch_size", evalBatchSize);
    positive("--train_steps", trainSteps);
    positive("--learning_rate", learningRate);
    nonNegative("--clip_gradient_norm", clipGradientNorm);
    positive("--steps_per_checkpoint", stepsPerCheckpoint);
    nonNegative("--keep_checkpoint_max", keepCheckpointMax);
    nonNegative("--steps_per_eval", stepsPerEval);
    positive("--summary_steps", summarySteps);
    nonNegative("--eval_bytes", evalBytes);
    nonEmpty("--data_dir", dataDir);
    nonEmpty("--output_dir", outputDir);
    if (compute.sparseCompute() != SparseComputeMode.MASKED && !sparse.method().isDynamic()) {
      throw new IllegalArgumentException("--sparse_compute=" + compute.sparseCompute().flagName()
          + " needs a training method that keeps each layer's count of nonzeros (set, rigl, momentum, static), not "
          + sparse.trainingMethod() + "; use --sparse_compute=masked");
    }
  }

  /** Options computing as the reference does: masked layers on TensorFlow's default threads. */
  public LmTrainOptions(Path dataDir, Path outputDir, LmConfig config, int seqLen, int trainBatchSize, int evalBatchSize,
      long trainSteps, double learningRate, double clipGradientNorm, long stepsPerCheckpoint, int keepCheckpointMax,
      long stepsPerEval, long summarySteps, WikiTextSplit evalSplit, long evalBytes, SparseTrainingConfig sparse) {
    this(dataDir, outputDir, config, seqLen, trainBatchSize, evalBatchSize, trainSteps, learningRate, clipGradientNorm,
        stepsPerCheckpoint, keepCheckpointMax, stepsPerEval, summarySteps, evalSplit, evalBytes, sparse,
        ComputeOptions.DEFAULT);
  }

  /** The same options computing under {@code other}. */
  public LmTrainOptions withCompute(ComputeOptions other) {
    return new LmTrainOptions(dataDir, outputDir, config, seqLen, trainBatchSize, evalBatchSize, trainSteps, learningRate,
        clipGradientNorm, stepsPerCheckpoint, keepCheckpointMax, stepsPerEval, summarySteps, evalSplit, evalBytes, sparse,
        other);
  }

  /** The same options with another model description (e.g. the one saved in the output directory). */
  public LmTrainOptions withConfig(LmConfig other) {
    return new LmTrainOptions(dataDir, outputDir, other, seqLen, trainBatchSize, evalBatchSize, trainSteps, learningRate,
        clipGradientNorm, stepsPerCheckpoint, keepCheckpointMax, stepsPerEval, summarySteps, evalSplit, evalBytes, sparse,
        compute);
  }
}
