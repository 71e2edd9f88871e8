package org.rigl.tools;

import java.util.ArrayList;
import java.util.List;
import org.rigl.imagenet.mnist.MnistOutcome;

/**
 * One quickstart method's runs, one per seed: accuracy as mean and spread, and the live units per
 * layer (the compressed shape) as means over the seeds, at the end and at each evaluation.
 */
record MethodSeeds(String method, List<MnistOutcome> runs) {

  MethodSeeds {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException(method + ": no runs");
    }
    runs = List.copyOf(runs);
  }

  /** The first seed's run, for what every seed shares (sparsity, weights, FLOPs) and single-run plots. */
  MnistOutcome first() {
    return runs.get(0);
  }

  SeedSpread accuracy() {
    return SeedSpread.of(runs.stream().map(MnistOutcome::testAccuracy).toList());
  }

  /** Mean live units of each layer at the end, input first. */
  List<Double> liveUnits() {
    return meanShape(runs.stream().map(MnistOutcome::liveUnits).toList());
  }

  /** Live hidden units at the end (every layer but the input and the output), mean over the seeds. */
  double liveHiddenUnits() {
    List<Double> units = liveUnits();
    return units.subList(1, units.size() - 1).stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Mean live units of layer {@code layer} at each evaluation, as (step, units) points. */
  List<double[]> liveUnitCurve(int layer) {
    List<double[]> points = new ArrayList<>();
    int evaluations = runs.stream().mapToInt(r -> r.liveUnitCurve().size()).min().orElse(0);
    for (int e = 0; e < evaluations; e++) {
      double sum = 0;
      for (MnistOutcome r : runs) {
        sum += r.liveUnitCurve().get(e).units().get(layer);
      }
      points.add(new double[] {first().liveUnitCurve().get(e).step(), sum / runs.size()});
    }
    return points;
  }

  /** Mean test accuracy at each evaluation, as (step, accuracy) points. */
  List<double[]> accuracyCurve() {
    List<double[]> points = new ArrayList<>();
    int evaluations = runs.stream().mapToInt(r -> r.accuracyCurve().size()).min().orElse(0);
    for (int e = 0; e < evaluations; e++) {
      double sum = 0;
      for (MnistOutcome r : runs) {
        sum += r.accuracyCurve().get(e).value();
      }
      points.add(new double[] {first().accuracyCurve().get(e).step(), sum / runs.size()});
    }
    return points;
  }

  /** Mean live units as the script prints a shape: {@code [650, 173, 76, 10]}, each rounded. */
  String liveUnitsText() {
    return liveUnits().stream().map(u -> Long.toString(Math.round(u))).toList().toString();
  }

  private static List<Double> meanShape(List<List<Integer>> shapes) {
    List<Double> mean = new ArrayList<>();
    for (int l = 0; l < shapes.get(0).size(); l++) {
      double sum = 0;
      for (List<Integer> shape : shapes) {
        sum += shape.get(l);
      }
      mean.add(sum / shapes.size());
    }
    return mean;
  }
}
