package org.rigl.imagenet.mnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.checkpoint.RestoredStateCheck;
import org.rigl.core.checkpoint.RunDescription;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.sparse.SparseCompute;
import org.rigl.core.sparse.SparseComputeMode;
import org.rigl.core.train.AdamOptimizer;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.LearningRates;
import org.rigl.core.train.MomentumOptimizer;
import org.rigl.core.train.SgdOptimizer;
import org.rigl.core.train.SummaryWriter;
import org.rigl.core.train.TrainStep;
import org.rigl.core.train.WeightOptimizer;
import org.rigl.core.train.loop.NonFiniteCheck;
import org.rigl.core.train.loop.StepResult;
import org.rigl.core.train.loop.TrainingSession;
import org.rigl.models.MnistFc;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * mnist_train_eval.py's graph in a live session: the MLP (masked layers, or plain dense layers for
 * 'baseline'), its loss, the script's optimizer and learning rate under the training method, the
 * training summaries, and the batches of a seeded shuffle of the training set. Its masks are
 * initialised while the graph is built, in the script's order (a restore replaces them).
 */
final class MnistSession implements TrainingSession {
  /** The last step's details beyond its loss: the method's drop fraction and mask update, the run's time. */
  record LastStep(long globalStep, float dropFraction, boolean maskUpdated, long runNanos) {}

  private final MnistFlags flags;
  private final IdxDataset train;
  private final Graph graph = new Graph();
  private final Session session;
  /** The batch's pixels: [batch, pixels], or [pixels, batch] when the layers compute transposed. */
  private final Placeholder<TFloat32> images;
  private final boolean transposedInput;
  private final Placeholder<TInt32> labels;
  private final MaskRegistry masks;
  private final MnistFc model;
  private final SparseCompute compute;
  private final Op rebuildIndices;
  private final Variable<TInt64> globalStep;
  private final Operand<TFloat32> cross;
  private final Operand<TFloat32> regularization;
  private final TrainStep trainStep;
  private final NonFiniteCheck finite;
  private final Operand<TInt32> predictions;
  private final Operand<TFloat32> crossSum;
  private final SummaryWriter summaries;
  private final EvaluationSummaries evaluationSummaries;
  private final CheckpointSaver saver;
  /** {@code input/batches_consumed}: where the next batch is read, saved with the checkpoint. */
  static final String BATCHES_CONSUMED = "input/batches_consumed";
  private final Variable<TInt64> batchesConsumed;
  private final Placeholder<TInt64> batchesConsumedValue;
  private final Op setBatchesConsumed;
  private final int batch;
  private final int pixels;
  private final float[] x;
  private final int[] y;
  private int[] order;
  private int position;
  private long step;
  private LastStep last;

  MnistSession(MnistFlags flags, IdxDataset train, long batchesPerEpoch) throws IOException {
    this.flags = flags;
    this.train = train;
    this.batch = flags.batchSize();
    this.pixels = train.pixels();
    this.session = new Session(graph, flags.compute().sessionConfig());
    try {
      Ops tf = Ops.create(graph);
      // Layers over their nonzeros compute [features, batch]: the batch is fed in that layout.
      transposedInput = flags.usesMasks() && flags.compute().sparseCompute() != SparseComputeMode.MASKED;
      images = tf.placeholder(TFloat32.class,
          Placeholder.shape(transposedInput ? Shape.of(pixels, -1) : Shape.of(-1, pixels)));
      labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      masks = new MaskRegistry(flags.sparse().seed());
      model = MnistFc.builder().inputs(pixels).pruningMethod(flags.usesMasks() ? "threshold" : "baseline")
          .build(tf, masks);
      globalStep = GlobalStep.create(tf);
      compute = flags.usesMasks()
          ? SparseCompute.of(flags.compute().sparseCompute(), flags.sparse().sparsities(masks), batch,
              flags.compute().kernelThreads())
          : SparseCompute.masked();
      Operand<TFloat32> logits =
          transposedInput ? model.logitsTransposed(tf, images, compute) : model.logits(tf, images, compute);
      Operand<TFloat32> onehot = tf.oneHot(labels, tf.constant(10), tf.constant(1f), tf.constant(0f));
      cross = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, onehot).loss(), tf.constant(0));
      regularization = model.l2Loss(tf, (float) flags.l2Scale(), compute);
      Operand<TFloat32> loss = tf.math.add(cross, regularization);
      Operand<TFloat32> learningRate = learningRate(tf, globalStep, batchesPerEpoch);
      WeightOptimizer optimizer = switch (flags.optimizer()) {
        case "adam" -> new AdamOptimizer(tf.constant((float) flags.learningRate()));
        case "momentum" -> new MomentumOptimizer(learningRate, (float) flags.momentum(), flags.useNesterov());
        default -> new SgdOptimizer(learningRate);
      };
      trainStep = flags.sparse().buildStep(tf, optimizer,
          Gradients.compute(graph, loss, masks.layers(), model.otherTrainables(), compute), masks, globalStep,
          GradientTransform.identity());
      finite = NonFiniteCheck.afterStep(tf, graph, List.of(trainStep.trainOp()), cross, trainStep.gradients());
      flags.sparse().maskInit(tf, masks).ifPresent(session::run);
      rebuildIndices = compute.rebuildIndices(tf);
      session.run(rebuildIndices);
      predictions = tf.math.argMax(logits, tf.constant(1), TInt32.class);
      crossSum = tf.reduceSum(tf.nn.softmaxCrossEntropyWithLogits(logits, onehot).loss(), tf.constant(0));

      Files.createDirectories(flags.savePath());
      // Training curves the script does not write, every summaryEvery steps; its own summaries at evaluations.
      summaries = new SummaryWriter(tf, flags.savePath(), globalStep)
          .scalar("loss", loss).scalar("cross_loss", cross).scalar("reg_loss", regularization)
          .scalar("learning_rate", learningRate);
      if (flags.usesMasks()) {
        summaries.scalar("drop_fraction", trainStep.dropFraction());
      }
      evaluationSummaries = new EvaluationSummaries(tf, summaries, masks);
      summaries.open(session);
      // The script's tf.train.Saver() saves every global variable, and this graph holds the same ones: per
      // layer weights, mask, threshold, biases ('baseline': kernel, bias), global_step, the optimizer's
      // slots (<var>/Momentum; Adam's <var>/Adam, <var>/Adam_1, beta1_power, beta2_power) and the method's
      // state: last_mask_update_step (set, static, momentum, rigl), is_snipped (snip),
      // model_pruning/last_mask_update_step (prune; int32 as contrib's) and SNFS's gradient
      // averages (named layerN/masked_weight_grad/ExponentialMovingAverage here, after the gradient op there),
      // plus input/batches_consumed, which the script has not, so that a continued run reads on exactly.
      // Iterations taken, each one batch: the global step stands still on some methods' mask updates.
      batchesConsumed = ScopedNames.variable(tf, BATCHES_CONSUMED, tf.constant(0L));
      batchesConsumedValue = tf.placeholder(TInt64.class);
      setBatchesConsumed = tf.assign(batchesConsumed, batchesConsumedValue);
      saver = flags.saveModel() ? new CheckpointSaver(tf, GraphVariables.all(graph)) : null;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    order = shuffled(train.size(), new SplittableRandom(flags.sparse().seed()));
    x = new float[batch * pixels];
    y = new int[batch];
  }

  /** The script's schedule: piecewise constant, lr / 3^i after each boundary (Adam: constant). */
  private Operand<TFloat32> learningRate(Ops tf, Operand<TInt64> globalStep, long batchesPerEpoch) {
    if (flags.optimizer().equals("adam")) {
      return tf.constant((float) flags.learningRate());
    }
    double[] epochs = flags.usesMasks()
        ? new double[] {flags.lrDropEpoch(), flags.lrDropEpoch() + 20}
        : new double[] {60, 70, 80};
    long[] boundaries = new long[epochs.length];
    float[] values = new float[epochs.length + 1];
    for (int i = 0; i < epochs.length; i++) {
      boundaries[i] = Math.round(epochs[i] * batchesPerEpoch);
    }
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (flags.learningRate() / Math.pow(3, i));
    }
    return LearningRates.piecewiseConstant(tf, globalStep, boundaries, values);
  }

  /** Masks were initialised with the graph. */
  @Override
  public void initialiseFresh() {}

  /**
   * Restores every variable and the position in the shuffled training set. The script never resumes;
   * a run continued from its {@code model.ckpt} reads the batches the uninterrupted run would have:
   * the order and position follow from the iterations taken alone.
   */
  @Override
  public void restore(Path checkpoint) throws IOException {
    if (saver == null) {
      throw new IllegalStateException("a run that saves no model cannot resume");
    }
    // save_path keeps exactly the script's files, so no run description is written there: a resume
    // checks the flags against one a caller may have put there, and the masks' counts against them.
    RunDescription.of(flags.sparse()).requireSameAs(flags.savePath());
    Map<String, Long> ones = RestoredStateCheck.check(checkpoint, GraphVariables.masksOnly());
    if (flags.sparse().method().isDynamic()) {
      // The masks initialised with the graph are the ones the run started from.
      RestoredStateCheck.requireCounts(checkpoint, ones, RestoredStateCheck.onesOf(session, masks));
    }
    saver.restore(session, checkpoint.toString(), saver.variables().keySet());
    session.run(rebuildIndices);
    try (Result r = session.runner().fetch(batchesConsumed).run()) {
      step = ((TInt64) r.get(0)).getLong();
    }
    long consumed = step * batch;
    int n = train.size();
    // The order is reshuffled (seed + the step taking it) before the element at each multiple of n.
    long epochs = consumed == 0 ? 0 : (consumed - 1) / n;
    order = epochs == 0
        ? shuffled(n, new SplittableRandom(flags.sparse().seed()))
        : shuffled(n, new SplittableRandom(flags.sparse().seed() + epochs * n / batch + 1));
    position = Math.toIntExact(consumed - epochs * n);
  }

  /** Steps taken: the script counts its iterations itself. */
  @Override
  public long globalStep() {
    return step;
  }

  @Override
  public StepResult step(boolean summarise) {
    step++;
    for (int b = 0; b < batch; b++) {
      if (position == order.length) {
        order = shuffled(train.size(), new SplittableRandom(flags.sparse().seed() + step));
        position = 0;
      }
      int i = order[position++];
      copyImage(train.images()[i], x, b, batch);
      y[b] = train.labels()[i];
    }
    long start = System.nanoTime();
    try (TFloat32 xt = TFloat32.tensorOf(imagesShape(batch, pixels), DataBuffers.of(x, true, false));
        TInt32 yt = TInt32.tensorOf(Shape.of(batch), DataBuffers.of(y, true, false))) {
      Session.Runner runner = session.runner().feed(images, xt).feed(labels, yt).addTarget(trainStep.trainOp())
          .fetch(cross).fetch(trainStep.dropFraction()).fetch(trainStep.isMaskUpdate()).fetch(globalStep)
          .fetch(finite.tensor());
      if (summarise) {
        runner.addTarget(summaries.writeOp());
      }
      try (Result result = runner.run()) {
        long runNanos = System.nanoTime() - start;
        last = new LastStep(((TInt64) result.get(3)).getLong(), ((TFloat32) result.get(1)).getFloat(),
            ((TBool) result.get(2)).getBoolean(), runNanos);
        return new StepResult(((TFloat32) result.get(0)).getFloat(), step, finite.firstNonFinite(result.get(4), session));
      }
    }
  }

  /** Puts one image at position {@code index} of a batch of {@code size} in the fed layout. */
  private void copyImage(float[] image, float[] into, int index, int size) {
    if (!transposedInput) {
      System.arraycopy(image, 0, into, index * image.length, image.length);
      return;
    }
    for (int p = 0; p < image.length; p++) {
      into[p * size + index] = image[p];
    }
  }

  private Shape imagesShape(int size, int imagePixels) {
    return transposedInput ? Shape.of(imagePixels, size) : Shape.of(size, imagePixels);
  }

  /** The last step's drop fraction, mask update and time. */
  LastStep last() {
    return last;
  }

  @Override
  public void finished() {
    summaries.flush(session);
  }

  @Override
  public Optional<String> firstNonFiniteVariable() {
    return finite.firstNonFiniteVariable(session);
  }

  /** The script's single {@code model.ckpt}, replaced by each save, recording the iterations taken. */
  @Override
  public Path save(CheckpointManager checkpoints, long step) throws IOException {
    try (TInt64 value = TInt64.scalarOf(this.step)) {
      session.runner().feed(batchesConsumedValue, value).addTarget(setBatchesConsumed).run();
    }
    return checkpoints.saveAs(session, saver, CheckpointManager.BASENAME);
  }

  /** Test loss (cross-entropy plus regularisation, as the script's test loss) and accuracy. */
  MnistEvaluation evaluate(IdxDataset test) {
    int correct = 0;
    double lossSum = 0;
    int chunk = 1000;
    int testPixels = test.pixels();
    for (int start = 0; start < test.size(); start += chunk) {
      int n = Math.min(chunk, test.size() - start);
      float[] tx = new float[n * testPixels];
      int[] ty = new int[n];
      for (int i = 0; i < n; i++) {
        copyImage(test.images()[start + i], tx, i, n);
        ty[i] = test.labels()[start + i];
      }
      try (TFloat32 xt = TFloat32.tensorOf(imagesShape(n, testPixels), DataBuffers.of(tx, true, false));
          TInt32 yt = TInt32.tensorOf(Shape.of(n), DataBuffers.of(ty, true, false));
          Result result = session.runner().feed(images, xt).feed(labels, yt).fetch(predictions).fetch(crossSum).run()) {
        TInt32 p = (TInt32) result.get(0);
        for (int i = 0; i < n; i++) {
          if (p.getInt(i) == ty[i]) {
            correct++;
          }
        }
        lossSum += ((TFloat32) result.get(1)).getFloat();
      }
    }
    double reg;
    try (Result r = session.runner().fetch(regularization).run()) {
      reg = ((TFloat32) r.get(0)).getFloat();
    }
    return new MnistEvaluation(lossSum / test.size() + reg, (double) correct / test.size());
  }

  Session session() {
    return session;
  }

  MaskRegistry masks() {
    return masks;
  }

  MnistFc model() {
    return model;
  }

  SparseCompute compute() {
    return compute;
  }

  EvaluationSummaries evaluationSummaries() {
    return evaluationSummaries;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }

  private static int[] shuffled(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
