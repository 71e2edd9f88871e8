package org.rigl.imagenet.mnist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rigl.core.flops.Activation;
import org.rigl.core.flops.FullyConnected;
import org.rigl.core.flops.OpCounter;
import org.rigl.core.mask.MaskStatistics;
import org.rigl.core.train.loop.StepResult;
import org.rigl.core.train.loop.TrainingListener;
import org.rigl.models.layers.Kernel;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Collects a run's {@link MnistOutcome}: the accuracy curve and live units at each evaluation, every
 * mask update's drop fraction, the training throughput, and at the end each layer's sparsity and FLOPs.
 */
final class OutcomeRecorder implements TrainingListener<MnistSession, MnistEvaluation> {
  static final int WARMUP_STEPS = 50;

  private final String method;
  private final long steps;
  private final int batch;
  private final List<MnistOutcome.Point> curve = new ArrayList<>();
  private final List<MnistOutcome.Point> drops = new ArrayList<>();
  private final List<MnistOutcome.Shape> liveUnits = new ArrayList<>();
  private float[] firstMaskBefore;
  private long trainingNanos;
  private long timedSteps;
  private MnistOutcome outcome;

  OutcomeRecorder(String method, long steps, int batch) {
    this.method = method;
    this.steps = steps;
    this.batch = batch;
  }

  @Override
  public void started(MnistSession s, long step, Optional<Path> resumedFrom) {
    firstMaskBefore = connections(s.session(), s.model().kernels().get(0));
  }

  @Override
  public void afterStep(MnistSession s, StepResult result) {
    MnistSession.LastStep last = s.last();
    if (result.globalStep() > WARMUP_STEPS || steps <= WARMUP_STEPS) {
      trainingNanos += last.runNanos();
      timedSteps++;
    }
    if (last.maskUpdated()) {
      drops.add(new MnistOutcome.Point(last.globalStep(), last.dropFraction()));
    }
  }

  @Override
  public void evaluated(MnistSession s, long step, MnistEvaluation result) {
    curve.add(new MnistOutcome.Point(step, result.testAccuracy()));
    liveUnits.add(new MnistOutcome.Shape(step, compressed(s).sizes()));
  }

  /** The network without units that lack incoming or outgoing connections, as the script reports it. */
  private static CompressedFc compressed(MnistSession s) {
    List<float[]> connections = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    for (Kernel kernel : s.model().kernels()) {
      connections.add(connections(s.session(), kernel));
      shapes.add(kernel.shape().asArray());
    }
    return CompressedFc.of(connections, shapes);
  }

  @Override
  public void finished(MnistSession s, long step) {
    double imagesPerSecond = timedSteps == 0 ? 0 : timedSteps * (double) batch / (trainingNanos / 1e9);
    Map<String, Double> layerSparsity = new LinkedHashMap<>();
    long ones = 0;
    long total = 0;
    double flops = 0;
    double denseFlops = 0;
    float[] firstMaskAfter = null;
    for (Kernel kernel : s.model().kernels()) {
      float[] m = connections(s.session(), kernel);
      if (firstMaskAfter == null) {
        firstMaskAfter = m;
      }
      long layerOnes = MaskStatistics.countNonZeros(m);
      double sparsity = MaskStatistics.sparsity(layerOnes, m.length);
      layerSparsity.put(scope(kernel), sparsity);
      FullyConnected op = new FullyConnected(kernel.shape().asArray(), true, Activation.RELU);
      flops += OpCounter.countOps(op, sparsity, 32).flops();
      denseFlops += OpCounter.countOps(op, 0, 32).flops();
      ones += layerOnes;
      total += m.length;
    }
    outcome = new MnistOutcome(method, MaskStatistics.sparsity(ones, total), curve.get(curve.size() - 1).value(), ones,
        flops / denseFlops, imagesPerSecond, curve, drops, layerSparsity, firstMaskBefore, firstMaskAfter,
        compressed(s).sizes(), liveUnits);
  }

  MnistOutcome outcome() {
    return outcome;
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

  static float[] values(Session session, Operand<TFloat32> x) {
    try (Result r = session.runner().fetch(x).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[Math.toIntExact(t.size())];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }
}
