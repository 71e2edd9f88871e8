package org.rigl.imagenet.mnist;

import java.util.List;
import java.util.Map;

/**
 * What one MNIST run produced, for the quickstart and the benchmark. {@code imagesPerSecond}:
 * training throughput after the first {@link OutcomeRecorder#WARMUP_STEPS} steps (evaluations
 * excluded); {@code flopsRatio}: inference FLOPs of the network over the dense one (MicroNet
 * counting rules); {@code layerSparsity} by layer scope ({@code layer1}, ...); the first layer's
 * mask before and after (all ones for 'baseline'); {@code liveUnits}: the compressed shape at the end
 * (units with at least one incoming and one outgoing connection, {@link CompressedFc}), and
 * {@code liveUnitCurve} that shape at each evaluation.
 */
public record MnistOutcome(
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
    float[] firstMaskAfter,
    List<Integer> liveUnits,
    List<Shape> liveUnitCurve) {

  /** The same outcome under another method name. */
  public MnistOutcome named(String name) {
    return new MnistOutcome(name, sparsity, testAccuracy, params, flopsRatio, imagesPerSecond, accuracyCurve,
        dropFractions, layerSparsity, firstMaskBefore, firstMaskAfter, liveUnits, liveUnitCurve);
  }

  /** A value at a global step, for curves. */
  public record Point(long step, double value) {}

  /** The compressed shape (live units per layer, input first) at a global step. */
  public record Shape(long step, List<Integer> units) {}
}
