package org.rigl.imagenet.mnist;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.flops.Activation;
import org.rigl.core.flops.FullyConnected;
import org.rigl.core.flops.OpCounter;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.AdamOptimizer;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.LearningRates;
import org.rigl.core.train.MomentumOptimizer;
import org.rigl.core.train.ProgressLine;
import org.rigl.core.train.SgdOptimizer;
import org.rigl.core.train.SummaryWriter;
import org.rigl.core.train.TrainStep;
import org.rigl.core.train.WeightOptimizer;
import org.rigl.models.MnistFc;
import org.rigl.models.layers.Kernel;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Port of {@code mnist/mnist_train_eval.py}: the 784-300-100-10 MLP trained with any
 * {@code --training_method} (masked layers, or plain dense layers for 'baseline'), evaluated on the
 * whole test set once per epoch (or every {@code evalEverySteps}), printing the script's per-epoch
 * line and compressed-shape report, and leaving the script's files in {@code save_path}: the same
 * lines in {@code <hyper_params_string>.txt}, TensorBoard events, the final checkpoint
 * {@code model.ckpt} and any mask records. With an input mask the network takes only the pixels it
 * keeps, so the input width comes from the data.
 */
public final class MnistTrainer {
  /** A value at a global step, for curves. */
  public record Point(long step, double value) {}

  /**
   * What one run produced. {@code imagesPerSecond}: training throughput after the first
   * {@link #WARMUP_STEPS} steps (evaluations excluded); {@code flopsRatio}: inference FLOPs of the
   * network over the dense one (MicroNet counting rules); {@code layerSparsity} by layer scope
   * ({@code layer1}, ...); the first layer's mask before and after (all ones for 'baseline').
   */
  public record Outcome(
      String method,
      double sparsity,
      double testAccuracy,
      long params,
      double flopsRatio,
      double imagesPerSecond,
      List<Point> accuracyCurve,
      List<Point> dropFractions,
      Map<String, Double> layerSparsity,
      float[] firstMaskBefore,
      float[] firstMaskAfter) {}

  static final int WARMUP_STEPS = 50;
  static final String MASKED_HEADER = "Epoch,Iteration,Test loss,Test accuracy,G_Sparsity,Sparsity Layer 0,Sparsity Layer 1";
  static final String DENSE_HEADER = "Epoch Epoch time Test loss Test accuracy";

  private final MnistFlags flags;
  private final PrintStream log;

  /** {@code log} receives the reference's per-epoch lines (stdout for the CLI); the run's log file gets them too. */
  public MnistTrainer(MnistFlags flags, PrintStream log) {
    this.flags = flags;
    this.log = log;
  }

  /** Trains on {@code train} and evaluates on {@code test}, both cut to the input mask's pixels if there is one. */
  public Outcome train(IdxDataset train, IdxDataset test) throws IOException {
    if (!flags.inputMaskPath().isEmpty()) {
      InputMask inputMask = InputMask.read(flags.inputMaskPath());
      return trainOn(inputMask.apply(train), inputMask.apply(test));
    }
    return trainOn(train, test);
  }

  private Outcome trainOn(IdxDataset train, IdxDataset test) throws IOException {
    String method = flags.sparse().trainingMethod();
    int batch = flags.batchSize();
    long batchesPerEpoch = train.size() / batch;
    if (batchesPerEpoch == 0) {
      throw new IllegalArgumentException("--batch_size " + batch + " is larger than the " + train.size() + " training images");
    }
    int pixels = train.pixels();
    if (test.pixels() != pixels) {
      throw new IllegalArgumentException(
          "test images have " + test.pixels() + " pixels but training images have " + pixels);
    }
    long steps = flags.trainSteps() > 0 ? flags.trainSteps() : flags.numEpochs() * batchesPerEpoch;
    long evalEvery = flags.evalEverySteps() > 0 ? flags.evalEverySteps() : batchesPerEpoch;
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, pixels)));
      Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      MaskRegistry masks = new MaskRegistry(flags.sparse().seed());
      MnistFc model = MnistFc.builder().inputs(pixels).pruningMethod(flags.usesMasks() ? "threshold" : "baseline")
          .build(tf, masks);
      Variable<TInt64> globalStep = GlobalStep.create(tf);
      Operand<TFloat32> logits = model.logits(tf, images);
      Operand<TFloat32> onehot = tf.oneHot(labels, tf.constant(10), tf.constant(1f), tf.constant(0f));
      Operand<TFloat32> cross = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, onehot).loss(), tf.constant(0));
      Operand<TFloat32> regularization = model.l2Loss(tf, (float) flags.l2Scale());
      Operand<TFloat32> loss = tf.math.add(cross, regularization);
      Operand<TFloat32> learningRate = learningRate(tf, globalStep, batchesPerEpoch);
      WeightOptimizer optimizer = switch (flags.optimizer()) {
        case "adam" -> new AdamOptimizer(tf.constant((float) flags.learningRate()));
        case "momentum" -> new MomentumOptimizer(learningRate, (float) flags.momentum(), flags.useNesterov());
        default -> new SgdOptimizer(learningRate);
      };
      TrainStep trainStep =
          flags.sparse().buildStep(tf, optimizer, Gradients.compute(graph, loss, masks.layers(), model.otherTrainables()), masks, globalStep, GradientTransform.identity());
      flags.sparse().maskInit(tf, masks).ifPresent(session::run);
      Operand<TInt32> predictions = tf.math.argMax(logits, tf.constant(1), TInt32.class);
      Operand<TFloat32> crossSum = tf.reduceSum(tf.nn.softmaxCrossEntropyWithLogits(logits, onehot).loss(), tf.constant(0));

      Files.createDirectories(flags.savePath());
      // Training curves the script does not write, every summaryEvery steps; its own summaries at evaluations.
      SummaryWriter summaries = new SummaryWriter(tf, flags.savePath(), globalStep)
          .scalar("loss", loss).scalar("cross_loss", cross).scalar("reg_loss", regularization)
          .scalar("learning_rate", learningRate);
      if (flags.usesMasks()) {
        summaries.scalar("drop_fraction", trainStep.dropFraction());
      }
      EvaluationSummaries evaluationSummaries = new EvaluationSummaries(tf, summaries, masks);
      summaries.open(session);
      // The script's tf.train.Saver() saves every global variable, and this graph holds the same ones: per
      // layer weights, mask, threshold, biases ('baseline': kernel, bias), global_step, the optimizer's
      // slots (<var>/Momentum; Adam's <var>/Adam, <var>/Adam_1, beta1_power, beta2_power) and the method's
      // state: last_mask_update_step (set, static, momentum, rigl), is_snipped (snip),
      // model_pruning/last_mask_update_step (prune; int32 as contrib's) and SNFS's gradient
      // averages (named layerN/masked_weight_grad/ExponentialMovingAverage here, after the gradient op there).
      CheckpointSaver saver = flags.saveModel() ? new CheckpointSaver(tf, GraphVariables.all(graph)) : null;

      Kernel first = model.kernels().get(0);
      float[] firstMaskBefore = connections(session, first);
      List<Point> curve = new ArrayList<>();
      List<Point> drops = new ArrayList<>();
      int[] order = shuffled(train.size(), new SplittableRandom(flags.sparse().seed()));
      int position = 0;
      ProgressLine progress = new ProgressLine(System.err, String.format("%-8s", method), steps);
      MaskRecords maskRecords = new MaskRecords(flags.usesMasks() ? flags.maskRecordFrequency() : 0);
      float[] x = new float[batch * pixels];
      int[] y = new int[batch];
      long trainingNanos = 0;
      long timedSteps = 0;
      long summaryEvery = flags.summaryEveryStep() ? 1 : 100;
      // The dense branch prints its header before opening the log file, so only the console has it.
      try (RunLog runLog = RunLog.create(log, flags.savePath(), flags)) {
        if (flags.usesMasks()) {
          runLog.line(MASKED_HEADER);
        } else {
          runLog.consoleOnly(DENSE_HEADER);
        }
        long epochStart = System.nanoTime();
        for (long step = 1; step <= steps; step++) {
          long iteration = step - 1;
          if (maskRecords.isDue(iteration)) {
            maskRecords.record(iteration, session, masks);
          }
          for (int b = 0; b < batch; b++) {
            if (position == order.length) {
              order = shuffled(train.size(), new SplittableRandom(flags.sparse().seed() + step));
              position = 0;
            }
            int i = order[position++];
            System.arraycopy(train.images()[i], 0, x, b * pixels, pixels);
            y[b] = train.labels()[i];
          }
          long start = System.nanoTime();
          try (TFloat32 xt = TFloat32.tensorOf(Shape.of(batch, pixels), DataBuffers.of(x, true, false));
              TInt32 yt = TInt32.tensorOf(Shape.of(batch), DataBuffers.of(y, true, false))) {
            Session.Runner runner = session.runner().feed(images, xt).feed(labels, yt).addTarget(trainStep.trainOp())
                .fetch(cross).fetch(trainStep.dropFraction()).fetch(trainStep.isMaskUpdate()).fetch(globalStep);
            if (step % summaryEvery == 0) {
              runner.addTarget(summaries.writeOp());
            }
            try (Result result = runner.run()) {
              if (step > WARMUP_STEPS || steps <= WARMUP_STEPS) {
                trainingNanos += System.nanoTime() - start;
                timedSteps++;
              }
              if (((TBool) result.get(2)).getBoolean()) {
                drops.add(new Point(((TInt64) result.get(3)).getLong(), ((TFloat32) result.get(1)).getFloat()));
              }
              progress.update(step, "images", batch, String.format("loss %.3f", ((TFloat32) result.get(0)).getFloat()));
            }
          }
          if (step % evalEvery == 0 || step == steps) {
            double[] lossAndAccuracy = evaluate(session, images, labels, predictions, crossSum, regularization, test);
            curve.add(new Point(step, lossAndAccuracy[1]));
            evaluationSummaries.write(session, iteration, lossAndAccuracy[1]);
            logEpoch(runLog, session, masks, iteration, batchesPerEpoch, lossAndAccuracy,
                (System.nanoTime() - epochStart) / 1e9);
            epochStart = System.nanoTime();
          }
        }
      }
      summaries.flush(session);
      if (saver != null) {
        new CheckpointManager(flags.savePath(), 0).saveAs(session, saver, CheckpointManager.BASENAME);
      }
      maskRecords.writeTo(flags.savePath());
      double imagesPerSecond = timedSteps == 0 ? 0 : timedSteps * (double) batch / (trainingNanos / 1e9);
      return outcome(method, session, model, firstMaskBefore, curve, drops, imagesPerSecond);
    }
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

  /** Test loss (cross-entropy plus regularisation, as the script's test loss) and accuracy. */
  private static double[] evaluate(Session session, Placeholder<TFloat32> images, Placeholder<TInt32> labels,
      Operand<TInt32> predictions, Operand<TFloat32> crossSum, Operand<TFloat32> regularization, IdxDataset test) {
    int correct = 0;
    double lossSum = 0;
    int chunk = 1000;
    int pixels = test.pixels();
    for (int start = 0; start < test.size(); start += chunk) {
      int n = Math.min(chunk, test.size() - start);
      float[] x = new float[n * pixels];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        System.arraycopy(test.images()[start + i], 0, x, i * pixels, pixels);
        y[i] = test.labels()[start + i];
      }
      try (TFloat32 xt = TFloat32.tensorOf(Shape.of(n, pixels), DataBuffers.of(x, true, false));
          TInt32 yt = TInt32.tensorOf(Shape.of(n), DataBuffers.of(y, true, false));
          Result result = session.runner().feed(images, xt).feed(labels, yt).fetch(predictions).fetch(crossSum).run()) {
        TInt32 p = (TInt32) result.get(0);
        for (int i = 0; i < n; i++) {
          if (p.getInt(i) == y[i]) {
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
    return new double[] {lossSum / test.size() + reg, (double) correct / test.size()};
  }

  /** The script's per-epoch line and, for masked networks, the compressed-shape report. */
  private void logEpoch(RunLog runLog, Session session, MaskRegistry masks, long iteration, long batchesPerEpoch,
      double[] lossAndAccuracy, double seconds) throws IOException {
    long epoch = iteration / batchesPerEpoch;
    if (!flags.usesMasks()) {
      runLog.line(String.format(Locale.ROOT, "%d, %.4f, %.4f, %.4f", epoch, seconds, lossAndAccuracy[0], lossAndAccuracy[1]));
      return;
    }
    List<float[]> maskValues = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    long zeros = 0;
    long total = 0;
    double[] layerSparsity = new double[masks.layers().size()];
    for (int l = 0; l < masks.layers().size(); l++) {
      MaskedWeights layer = masks.layers().get(l);
      float[] m = values(session, layer.mask());
      long z = 0;
      for (float v : m) {
        z += v == 0 ? 1 : 0;
      }
      layerSparsity[l] = (double) z / m.length;
      zeros += z;
      total += m.length;
      maskValues.add(m);
      shapes.add(layer.shape().asArray());
    }
    runLog.line(String.format(Locale.ROOT, "%d, %d, %.4f, %.4f, %.4f, %.4f, %.4f", epoch, iteration, lossAndAccuracy[0],
        lossAndAccuracy[1], (double) zeros / total, layerSparsity[0], layerSparsity[1]));
    CompressedFc compressed = CompressedFc.of(maskValues, shapes);
    runLog.line("[COMPRESSED SPARSITIES/SHAPE]: " + compressed.sparsitiesText() + " " + compressed.sizes());
  }

  private static Outcome outcome(String method, Session session, MnistFc model, float[] firstMaskBefore,
      List<Point> curve, List<Point> drops, double imagesPerSecond) {
    Map<String, Double> layerSparsity = new LinkedHashMap<>();
    long ones = 0;
    long total = 0;
    double flops = 0;
    double denseFlops = 0;
    float[] firstMaskAfter = null;
    for (Kernel kernel : model.kernels()) {
      float[] m = connections(session, kernel);
      if (firstMaskAfter == null) {
        firstMaskAfter = m;
      }
      long layerOnes = 0;
      for (float v : m) {
        layerOnes += v == 0 ? 0 : 1;
      }
      double sparsity = 1 - (double) layerOnes / m.length;
      layerSparsity.put(scope(kernel), sparsity);
      FullyConnected op = new FullyConnected(kernel.shape().asArray(), true, Activation.RELU);
      flops += OpCounter.countOps(op, sparsity, 32).flops();
      denseFlops += OpCounter.countOps(op, 0, 32).flops();
      ones += layerOnes;
      total += m.length;
    }
    return new Outcome(method, 1 - (double) ones / total, curve.get(curve.size() - 1).value(), ones, flops / denseFlops,
        imagesPerSecond, curve, drops, layerSparsity, firstMaskBefore, firstMaskAfter);
  }

  /** A layer's connections as 0/1 values: its mask, or all ones for a dense ('baseline') layer. */
  private static float[] connections(Session session, Kernel kernel) {
    if (kernel.isMasked()) {
      return values(session, kernel.masked().mask());
    }
    float[] ones = new float[Math.toIntExact(kernel.shape().size())];
    Arrays.fill(ones, 1f);
    return ones;
  }

  /** The layer scope of a kernel variable: {@code layer1} for {@code layer1/weights} or {@code layer1/kernel}. */
  private static String scope(Kernel kernel) {
    String name = kernel.variable().op().name();
    return name.substring(0, name.lastIndexOf('/'));
  }

  private static float[] values(Session session, Operand<TFloat32> x) {
    try (Result r = session.runner().fetch(x).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[Math.toIntExact(t.size())];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
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
