package org.rigl.tools;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rigl.core.mask.MaskInitializer;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.MomentumOptimizer;
import org.rigl.core.train.ProgressLine;
import org.rigl.core.train.TrainStep;
import org.rigl.core.update.DropFractionSchedule;
import org.rigl.core.update.DynamicSparseOptimizer;
import org.rigl.core.update.GrowInit;
import org.rigl.core.update.SparseMethod;
import org.rigl.core.update.UpdateSchedule;
import org.rigl.imagenet.mnist.IdxDataset;
import org.rigl.models.MnistFc;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One method of the quickstart: the MNIST MLP with the reference's MNIST hyper-parameters
 * (batch 100, Nesterov momentum 0.9, lr 0.2, L2 1e-4, drop fraction 0.3 cosine, updates every 100
 * steps) over a shortened run: mask updates end at 75% of the steps.
 */
final class MnistRun {
  /** {@code imagesPerSecond}: training throughput after the first {@link #WARMUP_STEPS} steps. */
  record Result(String method, double sparsity, double testAccuracy, long params, double imagesPerSecond) {}

  static final int WARMUP_STEPS = 50;

  private static final int BATCH = 100;
  private static final int PIXELS = 784;

  private final String method;
  private final int steps;
  private final long seed;

  MnistRun(String method, int steps, long seed) {
    this.method = method;
    this.steps = steps;
    this.seed = seed;
  }

  Result train(IdxDataset train, IdxDataset test) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, PIXELS)));
      Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      MaskRegistry masks = new MaskRegistry(seed);
      MnistFc model = new MnistFc(tf, masks);
      var globalStep = GlobalStep.create(tf);
      Operand<TFloat32> logits = model.logits(tf, images);
      Operand<TFloat32> onehot = tf.oneHot(labels, tf.constant(10), tf.constant(1f), tf.constant(0f));
      Operand<TFloat32> cross =
          tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, onehot).loss(), tf.constant(0));
      Operand<TFloat32> loss = tf.math.add(cross, model.l2Loss(tf, 1e-4f));
      MomentumOptimizer momentum = new MomentumOptimizer(tf.constant(0.2f), 0.9f, true);

      Op trainOp;
      Operand<TFloat32> dropFraction;
      if (method.equals("dense")) {
        var gradients = org.rigl.core.train.Gradients.compute(graph, loss, masks.layers(), model.biases());
        var applied = momentum.applyGradients(tf, gradients.variableGradients());
        trainOp = tf.withControlDependencies(applied).assignAdd(globalStep, tf.constant(1L));
        dropFraction = tf.constant(0f);
      } else {
        UpdateSchedule schedule = new UpdateSchedule(0, (long) (steps * 0.75), 100);
        DynamicSparseOptimizer sparse =
            new DynamicSparseOptimizer(
                momentum,
                SparseMethod.parse(method, 0.9, 0),
                schedule,
                DropFractionSchedule.parse("cosine", 0.3, schedule),
                GrowInit.parse("zeros", method.equals("rigl")),
                seed);
        TrainStep step = sparse.build(tf, loss, masks, model.biases(), globalStep);
        trainOp = step.trainOp();
        dropFraction = step.dropFraction();
        session.run(MaskInitializer.assignRandom(tf, masks, QuickstartCommand.referenceSparsities(), seed));
      }
      Operand<TInt32> predictions = tf.math.argMax(logits, tf.constant(1), TInt32.class);

      int[] order = shuffled(train.size(), new SplittableRandom(seed));
      int position = 0;
      ProgressLine progress = new ProgressLine(System.err, String.format("%-6s", method), steps);
      float[] x = new float[BATCH * PIXELS];
      int[] y = new int[BATCH];
      long timedFrom = 0;
      for (int step = 1; step <= steps; step++) {
        if (step == Math.min(WARMUP_STEPS, steps - 1) + 1) {
          timedFrom = System.nanoTime();
        }
        for (int b = 0; b < BATCH; b++) {
          if (position == order.length) {
            order = shuffled(train.size(), new SplittableRandom(seed + step));
            position = 0;
          }
          int i = order[position++];
          System.arraycopy(train.images()[i], 0, x, b * PIXELS, PIXELS);
          y[b] = train.labels()[i];
        }
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(BATCH, PIXELS), DataBuffers.of(x, true, false));
            TInt32 yt = TInt32.tensorOf(Shape.of(BATCH), DataBuffers.of(y, true, false));
            var result = session.runner().feed(images, xt).feed(labels, yt).addTarget(trainOp).fetch(cross).run()) {
          float lossValue = ((TFloat32) result.get(0)).getFloat();
          progress.update(step, "images", BATCH, String.format("loss %.3f", lossValue));
        }
      }
      int timedSteps = steps - Math.min(WARMUP_STEPS, steps - 1);
      double imagesPerSecond = timedSteps * (double) BATCH / ((System.nanoTime() - timedFrom) / 1e9);
      double accuracy = accuracy(session, images, predictions, test);
      long ones = 0;
      long total = 0;
      for (MaskedWeights layer : masks.layers()) {
        try (Tensor t = session.runner().fetch(layer.mask()).run().get(0)) {
          float[] m = new float[(int) layer.shape().size()];
          ((TFloat32) t).copyTo(DataBuffers.of(m, false, false));
          for (float v : m) {
            ones += v == 0 ? 0 : 1;
          }
          total += m.length;
        }
      }
      return new Result(method, 1 - (double) ones / total, accuracy, ones, imagesPerSecond);
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
          var result = session.runner().feed(images, xt).fetch(predictions).run()) {
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
