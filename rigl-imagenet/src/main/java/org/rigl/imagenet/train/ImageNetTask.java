package org.rigl.imagenet.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskStatistics;
import org.rigl.core.train.AdamOptimizer;
import org.rigl.core.train.GradientAndVariable;
import org.rigl.core.train.LearningRates;
import org.rigl.core.train.MomentumOptimizer;
import org.rigl.core.train.SummaryWriter;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.imagenet.input.ImageNetInput;
import org.rigl.imagenet.input.ImageNetInputConfig;
import org.rigl.models.ModelZoo;
import org.rigl.models.Network;
import org.rigl.models.layers.LabelSmoothedCrossEntropy;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * {@code imagenet_train_eval.py}'s choices: ImageNet TFRecords, the model zoo's ResNet / MobileNet /
 * VGG, label-smoothed cross-entropy with {@code --weight_decay}, the epoch-stepped (or SGDR, or
 * Adam) learning rate, its training summaries, and top-1 / top-5 / cross-entropy over exactly
 * {@code num_eval_images / eval_batch_size} batches.
 */
public final class ImageNetTask implements ImageClassifierTask {
  private final ImageNetSetup setup;
  private final ImageNetSettings f;
  private final TrainingLoopSettings loop;

  public ImageNetTask(ImageNetSetup setup) {
    this.setup = setup;
    this.f = setup.flags();
    this.loop = new TrainingLoopSettings(f.mode, setup.outputDir(), setup.trainSteps(), f.stepsPerCheckpoint,
        f.keepCheckpointMax, f.stepsPerEval, 1, f.trainBatchSize, f.sparse.trainingMethod(), f.sparse.loadMaskDir(),
        f.initialValueCheckpoint);
  }

  @Override
  public java.util.Optional<org.rigl.core.distributed.WorkerCluster> workers() {
    return f.workerHosts.isEmpty()
        ? java.util.Optional.empty() : java.util.Optional.of(org.rigl.core.distributed.WorkerCluster.parse(f.workerHosts));
  }

  @Override
  public int numTowers() {
    return f.numTowers;
  }

  @Override
  public TrainingLoopSettings loop() {
    return loop;
  }

  @Override
  public long seed() {
    return f.seed;
  }

  @Override
  public Network buildNetwork(Ops tf, MaskRegistry masks) {
    return ModelZoo.build(setup.modelName(), setup.modelFlags(), tf, masks);
  }

  @Override
  public SparseTrainingConfig sparseTraining(Network network) {
    return setup.sparseFor(network.customSparsityMap());
  }

  @Override
  public InputBatches input(Ops tf, boolean training) {
    if (training) {
      return ImageNetInput.build(tf, inputConfig(true, f.trainBatchSize), "train_input");
    }
    return ImageNetInput.build(tf, inputConfig(false, f.evalBatchSize).withSplit(f.evalOnTrain ? "train" : "validation"),
        "eval_input");
  }

  @Override
  public InputBatches trainingInput(Ops tf, Operand<TInt64> startBatch) {
    return ImageNetInput.build(tf, inputConfig(true, f.trainBatchSize), "train_input", startBatch);
  }

  private ImageNetInputConfig inputConfig(boolean training, int batchSize) {
    return ImageNetInputConfig.of(f.dataDirectory, training, batchSize)
        .withImageSize(f.imageSize)
        .withLabelOffset(f.labelOffset)
        .withNumClasses(f.numLabelClasses)
        .withNumParallelCalls(f.numParallelCalls)
        .withSeed(f.seed)
        .withSkipBadRecords(f.skipBadRecords);
  }

  @Override
  public float labelSmoothing() {
    return (float) f.labelSmoothing;
  }

  @Override
  public float weightDecay() {
    return (float) f.weightDecay;
  }

  /** {@code set_lr_schedule}: the scaled base rate by epochs, SGDR, or constant Adam. */
  @Override
  public Optimization optimization(Ops tf, Variable<TInt64> globalStep) {
    double scaled = f.baseLearningRate * (f.trainBatchSize / 256.0);
    if (f.useAdam) {
      Operand<TFloat32> learningRate = tf.constant((float) scaled);
      return new Optimization(learningRate, new AdamOptimizer(learningRate));
    }
    Operand<TFloat32> epoch = currentEpoch(tf, globalStep);
    Operand<TFloat32> learningRate = f.useSgdr
        ? LearningRates.cosineDecayRestarts(tf, (float) scaled, epoch, f.sgdrDecayStep, f.sgdrTMul, f.sgdrMMul)
        : LearningRates.epochSteps(tf, epoch, f.baseLearningRate, f.trainBatchSize, setup.lrSchedule());
    return new Optimization(learningRate, new MomentumOptimizer(learningRate, f.momentum, true));
  }

  private Operand<TFloat32> currentEpoch(Ops tf, Operand<TInt64> globalStep) {
    return LearningRates.currentEpoch(tf, globalStep, f.numTrainImages, f.trainBatchSize);
  }

  @Override
  public void addTrainingSummaries(Ops tf, SummaryWriter summaries, TrainingTensors t) {
    List<GradientAndVariable> pairs = t.step().gradients().variableGradients();
    summaries.scalar("loss", t.loss()).scalar("cross_loss", t.crossEntropy()).scalar("reg_loss", t.regularization())
        .scalar("learning_rate", t.learningRate()).scalar("current_epoch", currentEpoch(tf, t.globalStep()))
        .scalar("drop_fraction", t.step().dropFraction())
        .scalar("global_sparsity", globalSparsity(tf, t.masks()))
        .scalar("grad_norm", norm(tf, pairs, true))
        .scalar("var_norm", norm(tf, pairs, false));
    MaskSummaries.add(tf, summaries, t.masks(), f.logMaskImgsEachIteration);
  }

  /** sparse_utils.calculate_sparsity with the entries counted exactly; a network without masks logs 0. */
  private static Operand<TFloat32> globalSparsity(Ops tf, MaskRegistry masks) {
    return masks.layers().isEmpty() ? tf.constant(0f) : MaskStatistics.globalSparsity(tf, masks);
  }

  /** Euclidean norm over every gradient (or variable) at once, as the reference's grad_norm / var_norm. */
  private static Operand<TFloat32> norm(Ops tf, List<GradientAndVariable> pairs, boolean gradients) {
    Operand<TFloat32> sum = tf.constant(0f);
    for (GradientAndVariable gv : pairs) {
      Operand<TFloat32> x = gradients ? gv.gradient() : gv.variable();
      sum = tf.math.add(sum, tf.reduceSum(tf.math.square(tf.reshape(x, tf.constant(new int[] {-1}))), tf.constant(0)));
    }
    return tf.math.sqrt(sum);
  }

  @Override
  public boolean evaluatesWithBatchStatistics() {
    return f.useBatchStatistics;
  }

  /**
   * {@code metric_fn}'s names, so runs line up with the TPUEstimator's in TensorBoard: {@code eval_accuracy}
   * (top-1), {@code top_5_eval_accuracy} ({@code in_top_k}), the label-smoothed {@code cross_loss} and the L2
   * {@code reg_loss}.
   */
  @Override
  public Map<String, Operand<TFloat32>> evalBatchMetrics(
      Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, Operand<TFloat32> regularization) {
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    metrics.put(EvalResults.EVAL_ACCURACY, inTopK(tf, logits, labels, 1));
    metrics.put(EvalResults.TOP_5_EVAL_ACCURACY, inTopK(tf, logits, labels, Math.min(5, f.numLabelClasses)));
    metrics.put("cross_loss", LabelSmoothedCrossEntropy.loss(tf, logits, labels, f.numLabelClasses, labelSmoothing()));
    metrics.put("reg_loss", regularization);
    return metrics;
  }

  /**
   * The Estimator's {@code eval_dir(name)}: {@code eval_eval} for {@code evaluate(name='eval')}, {@code eval_<prefix>}
   * for eval_once's {@code name=eval_once_ckpt_prefix}, else {@code eval} (no name, or an empty one).
   */
  @Override
  public java.util.Optional<String> evalSummaryDir() {
    return java.util.Optional.of(switch (f.mode) {
      case "eval" -> "eval_eval";
      case "eval_once" -> f.evalOnceCkptPrefix.isEmpty() ? "eval" : "eval_" + f.evalOnceCkptPrefix;
      default -> "eval";
    });
  }

  /** The metrics plus {@code utils.mask_summaries}: {@code pruning/<mask>/sparsity}. */
  @Override
  public Map<String, Double> evalSummaries(EvalResults results) {
    Map<String, Double> scalars = new LinkedHashMap<>(results.metrics());
    results.sparsity().forEach((mask, sparsity) -> scalars.put("pruning/" + mask + "/sparsity", sparsity));
    return scalars;
  }

  private static Operand<TFloat32> inTopK(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, int k) {
    Operand<TBool> hit = tf.nn.inTopK(logits, labels, tf.constant(k));
    return tf.math.mean(tf.dtypes.cast(hit, TFloat32.class), tf.constant(0));
  }

  @Override
  public long evalBatches() {
    return f.numEvalImages / f.evalBatchSize;
  }

  @Override
  public void evalDataEnded(long batchesRead) {
    throw new IllegalArgumentException("--num_eval_images " + f.numEvalImages + " needs " + evalBatches()
        + " batches of " + f.evalBatchSize + " but the evaluation data ended after " + batchesRead);
  }
}
