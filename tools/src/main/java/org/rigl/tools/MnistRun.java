package org.rigl.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rigl.core.flops.Activation;
import org.rigl.core.flops.FullyConnected;
import org.rigl.core.flops.OpCounter;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.MomentumOptimizer;
import org.rigl.core.train.ProgressLine;
import org.rigl.core.train.SummaryWriter;
import org.rigl.core.train.TrainStep;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethods;
import org.rigl.imagenet.mnist.IdxDataset;
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
 * One method of the quickstart: the MNIST MLP with the reference's MNIST hyper-parameters
 * (batch 100, Nesterov momentum 0.9, lr 0.2, L2 1e-4, drop fraction 0.3 cosine, updates every 100
 * steps) over a shortened run: mask updates end at 75% of the steps. Evaluates on the test set
 * ten times per run and writes TensorBoard events when given a log directory.
 */
final class MnistRun {
  /** A value at a global step, for curves. */
  record Point(long step, double value) {}

  /**
   * What one run produced. {@code imagesPerSecond}: training throughput after the first
   * {@link #WARMUP_STEPS} steps (evaluations excluded); {@code flopsRatio}: inference FLOPs of the
   * network over the dense one (MicroNet counting rules); the first layer's mask before and after.
   */
  record Outcome(
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
  static final int BATCH = 100;
  private static final int PIXELS = 784;
  private static final int EVALUATIONS = 10;
  // Every step: drop_fraction is non-zero only on update iterations, as the reference logs it.
  private static final int SUMMARY_EVERY = 1;

  private final String method;
  private final int steps;
  private final long seed;
  private final Path logdir;

  /** {@code logdir} may be null: no event files. */
  MnistRun(String method, int steps, long seed, Path logdir) {
    this.method = method;
    this.steps = steps;
    this.seed = seed;
    this.logdir = logdir;
  }

  Outcome train(IdxDataset train, IdxDataset test) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, PIXELS)));
      Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      MaskRegistry masks = new MaskRegistry(seed);
      MnistFc model = new MnistFc(tf, masks);
      Variable<TInt64> globalStep = GlobalStep.create(tf);
      Operand<TFloat32> logits = model.logits(tf, images);
      Operand<TFloat32> onehot = tf.oneHot(labels, tf.constant(10), tf.constant(1f), tf.constant(0f));
      Operand<TFloat32> cross = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, onehot).loss(), tf.constant(0));
      Operand<TFloat32> loss = tf.math.add(cross, model.l2Loss(tf, 1e-4f));
      MomentumOptimizer momentum = new MomentumOptimizer(tf.constant(0.2f), 0.9f, true);

      // The reference's MNIST flags (mnist_train_eval.py) over a shortened run: updates end at 75%.
      String trainingMethod = method.equals("dense") ? "baseline" : method;
      SparseTrainingConfig config =
          new SparseTrainingConfig(trainingMethod, 0.98, "random", 1.0, Map.of("layer2", 0.98 * 0.9, "layer3", 0.0),
              0.3, "cosine", "zeros", 0.9, 0, 0, (long) (steps * 0.75), 100, 0, 0, 1, 0, seed);
      TrainStep trainStep = TrainingMethods.build(tf, config, momentum, loss, masks, model.biases(), globalStep);
      Op trainOp = trainStep.trainOp();
      Operand<TFloat32> dropFraction = trainStep.dropFraction();
      Operand<TBool> isUpdate = trainStep.isMaskUpdate();
      TrainingMethods.maskInit(tf, config, masks).ifPresent(session::run);
      Operand<TInt32> predictions = tf.math.argMax(logits, tf.constant(1), TInt32.class);
      Placeholder<TFloat32> accuracyValue = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      SummaryWriter summaries = null;
      Op accuracySummary = null;
      if (logdir != null) {
        summaries = new SummaryWriter(tf, logdir, globalStep).scalar("loss", loss).scalar("cross_loss", cross)
            .scalar("drop_fraction", dropFraction);
        accuracySummary = summaries.scalarOp("top_1_accuracy", accuracyValue);
        summaries.open(session);
      }
      MaskedWeights first = masks.layers().get(0);
      float[] firstMaskBefore = values(session, first.mask());

      List<Point> curve = new ArrayList<>();
      List<Point> drops = new ArrayList<>();
      int[] order = shuffled(train.size(), new SplittableRandom(seed));
      int position = 0;
      ProgressLine progress = new ProgressLine(System.err, String.format("%-6s", method), steps);
      float[] x = new float[BATCH * PIXELS];
      int[] y = new int[BATCH];
      long trainingNanos = 0;
      int timedSteps = 0;
      int evalEvery = Math.max(1, steps / EVALUATIONS);
      for (int step = 1; step <= steps; step++) {
        for (int b = 0; b < BATCH; b++) {
          if (position == order.length) {
            order = shuffled(train.size(), new SplittableRandom(seed + step));
            position = 0;
          }
          int i = order[position++];
          System.arraycopy(train.images()[i], 0, x, b * PIXELS, PIXELS);
          y[b] = train.labels()[i];
        }
        long start = System.nanoTime();
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(BATCH, PIXELS), DataBuffers.of(x, true, false));
            TInt32 yt = TInt32.tensorOf(Shape.of(BATCH), DataBuffers.of(y, true, false))) {
          Session.Runner runner = session.runner().feed(images, xt).feed(labels, yt).addTarget(trainOp)
              .fetch(cross).fetch(dropFraction).fetch(isUpdate).fetch(globalStep);
          if (summaries != null && step % SUMMARY_EVERY == 0) {
            runner.addTarget(summaries.writeOp());
          }
          try (Result result = runner.run()) {
            if (step > WARMUP_STEPS || steps <= WARMUP_STEPS) {
              trainingNanos += System.nanoTime() - start;
              timedSteps++;
            }
            float lossValue = ((TFloat32) result.get(0)).getFloat();
            if (((TBool) result.get(2)).getBoolean()) {
              drops.add(new Point(((TInt64) result.get(3)).getLong(), ((TFloat32) result.get(1)).getFloat()));
            }
            progress.update(step, "images", BATCH, String.format("loss %.3f", lossValue));
          }
        }
        if (step % evalEvery == 0 || step == steps) {
          double accuracy = accuracy(session, images, predictions, test);
          curve.add(new Point(step, accuracy));
          if (accuracySummary != null) {
            try (TFloat32 a = TFloat32.scalarOf((float) accuracy)) {
              session.runner().feed(accuracyValue, a).addTarget(accuracySummary).run().close();
            }
          }
        }
      }
      if (summaries != null) {
        summaries.flush(session);
      }
      Map<String, Double> layerSparsity = new LinkedHashMap<>();
      long ones = 0;
      long total = 0;
      double flops = 0;
      double denseFlops = 0;
      float[] firstMaskAfter = null;
      for (MaskedWeights layer : masks.layers()) {
        float[] m = values(session, layer.mask());
        if (layer == first) {
          firstMaskAfter = m;
        }
        long layerOnes = 0;
        for (float v : m) {
          layerOnes += v == 0 ? 0 : 1;
        }
        double sparsity = 1 - (double) layerOnes / m.length;
        layerSparsity.put(layer.maskName(), sparsity);
        FullyConnected op = new FullyConnected(layer.shape().asArray(), true, Activation.RELU);
        flops += OpCounter.countOps(op, sparsity, 32).flops();
        denseFlops += OpCounter.countOps(op, 0, 32).flops();
        ones += layerOnes;
        total += m.length;
      }
      double imagesPerSecond = timedSteps * (double) BATCH / (trainingNanos / 1e9);
      return new Outcome(method, 1 - (double) ones / total, curve.get(curve.size() - 1).value(), ones, flops / denseFlops,
          imagesPerSecond, curve, drops, layerSparsity, firstMaskBefore, firstMaskAfter);
    }
  }

  private static float[] values(Session session, Operand<TFloat32> x) {
    try (Result r = session.runner().fetch(x).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[Math.toIntExact(t.size())];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  private static double accuracy(Session session, Placeholder<TFloat32> images, Operand<TInt32> predictions, IdxDataset test) {
    int correct = 0;
    int chunk = 1000;
    for (int start = 0; start < test.size(); start += chunk) {
      int n = Math.min(chunk, test.size() - start);
      float[] x = new float[n * PIXELS];
      for (int i = 0; i < n; i++) {
        System.arraycopy(test.images()[start + i], 0, x, i * PIXELS, PIXELS);
      }
      try (TFloat32 xt = TFloat32.tensorOf(Shape.of(n, PIXELS), DataBuffers.of(x, true, false));
          Result result = session.runner().feed(images, xt).fetch(predictions).run()) {
        TInt32 p = (TInt32) result.get(0);
        for (int i = 0; i < n; i++) {
          if (p.getInt(i) == test.labels()[start + i]) {
            correct++;
          }
        }
      }
    }
    return (double) correct / test.size();
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
