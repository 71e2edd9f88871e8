package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rigl.imagenet.mnist.MnistOutcome;

/** The quickstart's aggregation over seeds and the sentences it derives, on outcomes with known numbers. */
class QuickstartFindingsTest {

  /** A finished run with the given accuracy and final live units, and a two-point live-unit curve. */
  private static MnistOutcome run(String method, double sparsity, double accuracy, List<Integer> live) {
    List<MnistOutcome.Shape> curve = List.of(new MnistOutcome.Shape(100, List.of(784, 300, 100, 10)),
        new MnistOutcome.Shape(200, live));
    List<MnistOutcome.Point> accuracyCurve = List.of(new MnistOutcome.Point(100, 0.5), new MnistOutcome.Point(200, accuracy));
    return new MnistOutcome(method, sparsity, accuracy, 9244, 0.035, 1000, accuracyCurve, List.of(), Map.of(),
        new float[0], new float[0], live, curve);
  }

  private static MethodSeeds seeds(String method, double sparsity, double[] accuracies, List<List<Integer>> live) {
    List<MnistOutcome> runs = new ArrayList<>();
    for (int i = 0; i < accuracies.length; i++) {
      runs.add(run(method, sparsity, accuracies[i], live.get(i)));
    }
    return new MethodSeeds(method, runs);
  }

  private static MethodSeeds renamed(MethodSeeds m, String name) {
    return new MethodSeeds(name, m.runs().stream().map(r -> r.named(name)).toList());
  }

  private static final MethodSeeds RIGL = seeds("rigl", 0.965, new double[] {0.853, 0.855, 0.854},
      List.of(List.of(650, 160, 70, 10), List.of(652, 162, 71, 10), List.of(648, 158, 69, 10)));
  private static final MethodSeeds SET = seeds("set", 0.965, new double[] {0.871, 0.873, 0.872},
      List.of(List.of(775, 295, 100, 10), List.of(776, 296, 100, 10), List.of(774, 294, 100, 10)));
  private static final MethodSeeds DENSE = seeds("dense", 0, new double[] {0.850, 0.860, 0.855},
      List.of(List.of(784, 300, 100, 10), List.of(784, 300, 100, 10), List.of(784, 300, 100, 10)));

  @Test
  void aggregatesOverSeeds() {
    assertEquals(0.854, RIGL.accuracy().mean(), 1e-12);
    assertEquals(0.001, RIGL.accuracy().std(), 1e-12);
    assertEquals(List.of(650.0, 160.0, 70.0, 10.0), RIGL.liveUnits());
    assertEquals(230.0, RIGL.liveHiddenUnits(), 1e-12);
    assertEquals("[650, 160, 70, 10]", RIGL.liveUnitsText());
    double[] last = RIGL.liveUnitCurve(1).get(1);
    assertEquals(200, last[0]);
    assertEquals(160, last[1], 1e-12);
    assertEquals(0.854, RIGL.accuracyCurve().get(1)[1], 1e-12);
  }

  @Test
  void namesTheBestMethodAndWeighsItsLeadAgainstTheSpread() {
    String ranking = QuickstartFindings.ranking(List.of(RIGL, SET, DENSE));
    // SET 87.20 leads dense 85.50 by 1.70 points; the larger spread is dense's 0.50: 3.4 times.
    assertTrue(ranking.startsWith("set is the most accurate at 87.20% (mean of 3 seeds), 1.70 points above dense (85.50%)"), ranking);
    assertTrue(ranking.contains("3.4 times the larger seed spread (standard deviation 0.50 points): a clear lead"), ranking);
    String close = QuickstartFindings.ranking(List.of(RIGL, DENSE));
    assertTrue(close.contains("within the noise"), close);
  }

  @Test
  void comparesRigLsLiveUnitsWithSets() {
    String live = QuickstartFindings.liveUnits(List.of(RIGL, SET, DENSE));
    // Hidden units: SET 295 + 100 = 395, RigL 160 + 70 = 230.
    assertTrue(live.startsWith("RigL ends with 165 fewer live hidden units than SET ([650, 160, 70, 10] vs [775, 295, 100, 10])"), live);
    assertTrue(live.endsWith("here RigL trails SET by 1.80 points."), live);
    String withoutSet = QuickstartFindings.liveUnits(List.of(RIGL, DENSE));
    assertEquals("The only sparse method, rigl, ends with [650, 160, 70, 10] live units per layer.", withoutSet);
    String withoutRigL = QuickstartFindings.liveUnits(List.of(SET, DENSE, renamed(RIGL, "static")));
    assertEquals("Of the sparse methods, static keeps the fewest hidden units live ([650, 160, 70, 10]) and set the most "
        + "([775, 295, 100, 10]).", withoutRigL);
  }
}
