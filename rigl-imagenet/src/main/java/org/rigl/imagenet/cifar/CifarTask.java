package org.rigl.imagenet.cifar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.LearningRates;
import org.rigl.core.train.MomentumOptimizer;
import org.rigl.core.train.SummaryWriter;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.imagenet.train.EvalResults;
import org.rigl.imagenet.train.ImageClassifierTask;
import org.rigl.imagenet.train.MaskSummaries;
import org.rigl.imagenet.train.Optimization;
import org.rigl.imagenet.train.TrainingLoopSettings;
import org.rigl.imagenet.train.TrainingTensors;
import org.rigl.models.Network;
import org.rigl.models.layers.LabelSmoothedCrossEntropy;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * {@code resnet_train_eval.py}'s choices: the CIFAR-10 binary input, the Wide ResNet,
 * sparse softmax cross-entropy plus {@code --l2} on every kernel, {@code piecewise_constant} over
 * {@code [30000, 60000, 90000]} (scaled) at {@code 0.1 / 5^i} with Nesterov momentum, the
 * {@code train_fn} summaries, and {@code create_eval_metrics} over {@code 10000 // batch_size}
 * test batches (fewer if the test file ends first, as the Estimator's evaluate), also written as
 * scalars to {@code eval_eval/}.
 */
public final class CifarTask implements ImageClassifierTask {
  /** {@code eval_steps = 10000 // batch_size}: the CIFAR-10 test set. */
  private static final int TEST_IMAGES = 10_000;
  /** The Estimator's name for the model_fn's loss, in training summaries and evaluation metrics. */
  private static final String LOSS = "loss";

  private final CifarSetup setup;
  private final CifarSettings f;
  private final TrainingLoopSettings loop;

  public CifarTask(CifarSetup setup) {
    this.setup = setup;
    this.f = setup.flags();
    // No steps_per_eval in this script: train_and_eval evaluates each checkpoint.
    this.loop = new TrainingLoopSettings(f.mode, setup.trainDir(), setup.maxSteps(), f.checkpointSteps,
        f.keepCheckpointMax, f.checkpointSteps, f.summariesSteps, f.batchSize, f.sparse.trainingMethod(), f.sparse.loadMaskDir(),
        f.initialValueCheckpoint);
  }

  @Override
  public TrainingLoopSettings loop() {
    return loop;
  }

  @Override
  public int numTowers() {
    return f.numTowers;
  }

  @Override
  public long seed() {
    return f.seed;
  }

  @Override
  public Network buildNetwork(Ops tf, MaskRegistry masks) {
    return setup.model().build(tf, masks);
  }

  @Override
  public SparseTrainingConfig sparseTraining(Network network) {
    return setup.sparse();
  }

  @Override
  public InputBatches input(Ops tf, boolean training) {
    return CifarInput.build(tf, inputConfig(training), training ? "train_input" : "eval_input");
  }

  @Override
  public InputBatches trainingInput(Ops tf, Operand<TInt64> startBatch) {
    return CifarInput.build(tf, inputConfig(true), "train_input", startBatch);
  }

  private CifarInputConfig inputConfig(boolean training) {
    return CifarInputConfig.of(f.dataDirectory, training, f.batchSize).withSeed(f.seed).withShuffleBuffer(f.shuffleBuffer);
  }

  @Override
  public float labelSmoothing() {
    return 0f;
  }

  @Override
  public float weightDecay() {
    return f.l2;
  }

  /** {@code train_fn}: {@code piecewise_constant(gs, boundaries, [0.1 / 5.**i])}, Nesterov momentum. */
  @Override
  public Optimization optimization(Ops tf, Variable<TInt64> globalStep) {
    long[] boundaries = setup.lrBoundaries();
    float[] values = new float[boundaries.length + 1];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (0.1 / Math.pow(5., i));
    }
    Operand<TFloat32> learningRate = LearningRates.piecewiseConstant(tf, globalStep, boundaries, values);
    return new Optimization(learningRate, new MomentumOptimizer(learningRate, f.momentum, true));
  }

  /**
   * The script's summaries under their TF1 tags: {@code train_fn}'s mask sparsities, rate, batch
   * accuracies, total loss and drop fraction; the cross-entropy, tagged with the name scope
   * {@code model_fn} creates it in; and the {@code loss} the Estimator adds when none is named so.
   */
  @Override
  public void addTrainingSummaries(Ops tf, SummaryWriter summaries, TrainingTensors t) {
    MaskSummaries.add(tf, summaries, t.masks(), false);
    Operand<TFloat32> logits = t.forward().logits();
    Operand<TInt32> labels = t.input().labels();
    summaries.scalar("computing_cross_entropy_loss/cross_entropy_loss", t.crossEntropy())
        .scalar("learning_rate", t.learningRate())
        .scalar("accuracy", accuracy(tf, logits, labels))
        .scalar("total_loss", t.loss())
        .scalar("top_5_accuracy", mean(tf, tf.dtypes.cast(tf.nn.inTopK(logits, labels, tf.constant(5)), TFloat32.class)))
        .scalar(LOSS, t.loss());
    if (setup.sparse().method().isDynamic()) {
      summaries.scalar("drop_fraction", t.step().dropFraction());
    }
  }

  @Override
  public boolean evaluatesWithBatchStatistics() {
    return false;
  }

  /**
   * {@code create_eval_metrics}: {@code eval_accuracy} (argmax) and, with --per_class_metrics, the
   * per-class counts; plus the Estimator's {@code loss}, the mean total loss (cross-entropy + L2).
   */
  @Override
  public Map<String, Operand<TFloat32>> evalBatchMetrics(
      Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, Operand<TFloat32> regularization) {
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    metrics.put(EvalResults.EVAL_ACCURACY, accuracy(tf, logits, labels));
    metrics.put(LOSS, tf.math.add(LabelSmoothedCrossEntropy.loss(tf, logits, labels, f.numClasses, 0f), regularization));
    if (f.perClassMetrics) {
      metrics.putAll(ClassLevelMetrics.batchCounts(tf, predictions(tf, logits), labels));
    }
    return metrics;
  }

  @Override
  public Map<String, Double> evalResults(Map<String, Double> batchMeans) {
    Map<String, Double> results = new LinkedHashMap<>();
    batchMeans.forEach((name, value) -> {
      if (!ClassLevelMetrics.isCount(name)) {
        results.put(name, value);
      }
    });
    if (f.perClassMetrics) {
      results.putAll(ClassLevelMetrics.ratios(batchMeans));
    }
    return results;
  }

  /** {@code classifier.evaluate(name='eval')} writes to the Estimator's {@code eval_dir('eval')}. */
  @Override
  public Optional<String> evalSummaryDir() {
    return Optional.of("eval_eval");
  }

  @Override
  public long evalBatches() {
    return TEST_IMAGES / f.batchSize;
  }

  /** The Estimator stops at the end of the input; only an evaluation of nothing is an error. */
  @Override
  public void evalDataEnded(long batchesRead) {
    if (batchesRead == 0) {
      throw new IllegalArgumentException(
          "the CIFAR-10 test file in " + f.dataDirectory + " holds fewer than --batch_size " + f.batchSize + " images");
    }
  }

  private static Operand<TInt32> predictions(Ops tf, Operand<TFloat32> logits) {
    return tf.math.argMax(logits, tf.constant(1), TInt32.class);
  }

  /** {@code mean(labels == argmax(logits))}. */
  private static Operand<TFloat32> accuracy(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
    return mean(tf, tf.dtypes.cast(tf.math.equal(labels, predictions(tf, logits)), TFloat32.class));
  }

  private static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> x) {
    return tf.math.mean(x, tf.constant(0));
  }
}
