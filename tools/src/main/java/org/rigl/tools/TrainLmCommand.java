package org.rigl.tools;

import org.rigl.core.flags.FlagChecks;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rigl.core.update.TrainingMethod;
import org.rigl.lm.data.WikiTextSplit;
import org.rigl.lm.model.LmConfig;
import org.rigl.lm.train.EvalResult;
import org.rigl.lm.train.LmRun;
import org.rigl.lm.train.LmTrainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigl train-lm}: the paper's character-level WikiText-103 experiment with a sparse stacked GRU. */
@Command(
    name = "train-lm",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    modelTransformer = TrainLmCommand.SparseDefaults.class,
    description = {
      "Trains or evaluates the RigL paper's character-level language model on",
      "WikiText-103 raw text (wiki.{train,valid,test}.raw in --data_dir, as bytes):",
      "byte embedding, stacked GRUs with masked input and recurrent kernels, masked",
      "dense readout and logits; Adam with global-norm gradient clipping; truncated",
      "back-propagation with the state carried between batches. Writes checkpoints,",
      "TensorBoard events and OUTPUT_DIR/eval_results.json (bits per character =",
      "cross-entropy / ln 2, and every mask's sparsity)."
    })
final class TrainLmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--mode", defaultValue = "train", description = "train, eval (every new checkpoint) or eval_once (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--data_dir", required = true, description = "Folder with wiki.train.raw, wiki.valid.raw, wiki.test.raw.")
  Path dataDir;

  @Option(names = "--output_dir", defaultValue = "runs/train-lm", description = "Checkpoints, events and results (default: ${DEFAULT-VALUE}).")
  Path outputDir;

  @Mixin LmModelOptions model;

  @Option(names = "--seq_len", defaultValue = "100", description = "Time steps unrolled per batch (default: ${DEFAULT-VALUE}).")
  int seqLen;

  @Option(names = "--train_batch_size", defaultValue = "64", description = "Sequences per training batch (default: ${DEFAULT-VALUE}).")
  int trainBatchSize;

  @Option(names = "--eval_batch_size", defaultValue = "64", description = "Lanes the evaluation split is cut into (default: ${DEFAULT-VALUE}).")
  int evalBatchSize;

  @Option(names = "--train_steps", defaultValue = "100000", description = "Training steps (default: ${DEFAULT-VALUE}).")
  long trainSteps;

  @Option(names = "--learning_rate", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--clip_gradient_norm", defaultValue = "5.0",
      description = "Clip gradients to this global norm, 0 disables (default: ${DEFAULT-VALUE}).")
  double clipGradientNorm;

  @Option(names = "--steps_per_checkpoint", defaultValue = "1000", description = "Checkpoint cadence (default: ${DEFAULT-VALUE}).")
  long stepsPerCheckpoint;

  @Option(names = "--keep_checkpoint_max", defaultValue = "5", description = "Checkpoints kept, 0 keeps all (default: ${DEFAULT-VALUE}).")
  int keepCheckpointMax;

  @Option(names = "--steps_per_eval", defaultValue = "0",
      description = "Evaluate every N training steps, 0 only at the end (default: ${DEFAULT-VALUE}).")
  long stepsPerEval;

  @Option(names = "--summary_steps", defaultValue = "100", description = "TensorBoard training summaries cadence (default: ${DEFAULT-VALUE}).")
  long summarySteps;

  @Option(names = "--eval_split", defaultValue = "valid", description = "valid, test, or train for training-set bits/char (default: ${DEFAULT-VALUE}).")
  String evalSplit;

  @Option(names = "--eval_bytes", defaultValue = "0",
      description = "Evaluate on the first N bytes of the split, 0 all (default: ${DEFAULT-VALUE}).")
  long evalBytes;

  @Option(names = "--eval_once_ckpt_prefix", defaultValue = "",
      description = "eval_once: checkpoint prefix inside OUTPUT_DIR, e.g. model.ckpt-1000 (default: the latest).")
  String evalOnceCkptPrefix;

  @Option(names = "--eval_wait_secs", defaultValue = "600",
      description = "eval: give up after this long without a new checkpoint (default: ${DEFAULT-VALUE}).")
  long evalWaitSecs;

  @Mixin SparseTrainingOptions sparse;

  @Mixin ComputeFlags compute;

  @Option(names = "--erk_power_scale", defaultValue = "1.0", description = "ERK exponent, 0 uniform, 1 ERK (default: ${DEFAULT-VALUE}).")
  double erkPowerScale;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of weights, masks, mask updates and batches (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (!java.util.List.of("train", "eval", "eval_once").contains(mode)) {
      throw new IllegalArgumentException("--mode: '" + mode + "' is not valid (valid: train, eval, eval_once)");
    }
    OutputDirs.check(outputDir);
    FlagChecks.nonNegative("--eval_wait_secs", evalWaitSecs);
    LmConfig config = model.resolve(spec, outputDir);
    LmTrainOptions options =
        new LmTrainOptions(dataDir, outputDir, config, seqLen, trainBatchSize, evalBatchSize, trainSteps, learningRate,
            clipGradientNorm, stepsPerCheckpoint, keepCheckpointMax, stepsPerEval, summarySteps,
            WikiTextSplit.parse(evalSplit), evalBytes, sparse.config(TrainingMethod.all()).erkPowerScale(erkPowerScale).seed(seed).build(),
            compute.toOptions());
    EvalResult result =
        switch (mode) {
          case "train" -> new LmRun(options, System.err).train();
          case "eval" -> new LmRun(options, System.err).evaluateUntilTrained(evalWaitSecs, 2000);
          default -> new LmRun(options, System.err).evaluateOnce(evalOnceCkptPrefix);
        };
    System.out.printf(Locale.ROOT, "global_step %d  bits_per_char %.4f  sparsity %.4f  (%s)%n",
        result.globalStep(), result.bitsPerChar(), result.sparsity(), outputDir.resolve("eval_results.json"));
    return 0;
  }

  /** The LM's defaults and help texts of the shared sparse-training flags. */
  static final class SparseDefaults extends CommandDefaults {
    @Override
    protected Map<String, Default> defaults() {
      return Map.ofEntries(
          entry("--training_method", "rigl",
              "baseline, scratch, set, momentum (SNFS), rigl, static, snip, dnw or prune (default: ${DEFAULT-VALUE})."),
          entry("--end_sparsity", "0.9", "Target sparsity (default: ${DEFAULT-VALUE})."),
          entry("--mask_init_method", "random",
              "Sparsity distribution: random (uniform), erdos_renyi, erdos_renyi_kernel (default: ${DEFAULT-VALUE})."),
          entry("--drop_fraction", "0.3", "Fraction of connections updated (default: ${DEFAULT-VALUE})."),
          entry("--drop_fraction_anneal", "constant", "constant, cosine or exponential_<k> (default: ${DEFAULT-VALUE})."),
          entry("--grow_init", "zeros",
              "zeros, initial_dist, random_normal, random_uniform (rigl also grad_scale, grad_sign) (default: ${DEFAULT-VALUE})."),
          entry("--maskupdate_begin_step", "0", "First mask update step (default: ${DEFAULT-VALUE})."),
          entry("--maskupdate_end_step", "25000", "Last mask update step (default: ${DEFAULT-VALUE})."),
          entry("--maskupdate_frequency", "100", "Steps between mask updates (default: ${DEFAULT-VALUE})."),
          entry("--s_momentum", "0.9", "SNFS gradient moving-average decay (default: ${DEFAULT-VALUE})."),
          entry("--rigl_acc_scale", "0.0",
              "RigL: optimizer slots of grown connections start at this times the gradient (default: ${DEFAULT-VALUE})."));
    }
  }
}
