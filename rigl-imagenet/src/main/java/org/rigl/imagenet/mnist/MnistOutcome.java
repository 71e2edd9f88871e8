package org.rigl.imagenet.mnist;

import java.util.List;
import java.util.Map;

/**
 * What one MNIST run produced, for the quickstart and the benchmark. {@code imagesPerSecond}:
 * training throughput after the first {@link OutcomeRecorder#WARMUP_STEPS} steps (evaluations
 * excluded); {@code flopsRatio}: inference FLOPs of the network over the dense one (MicroNet
 * counting rules); {@code layerSparsity} by layer scope ({@code layer1}, ...); the first layer's
 * mask before and after (all ones for 'baseline').
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
    float[] firstMaskAfter) {

  /** A value at a global step, for curves. */
  public record Point(long step, double value) {}
}
