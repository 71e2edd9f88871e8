package org.rigl.tools;

import org.rigl.core.io.DurableFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.rigl.imagenet.mnist.MnistOutcome;
import org.rigl.tools.report.Charts;

/**
 * The quickstart's {@code report.html}: the table (accuracy as mean and spread over the seeds, live
 * units per layer), what the numbers show, accuracy and live units over steps (means over the seeds),
 * per-layer sparsity, drop fraction over steps, and how many connections each input pixel keeps in
 * layer1 before and after training (first seed).
 */
final class QuickstartReport {
  /** Live-unit charts: the input pixels and each hidden layer (layer3 is dense, so the 10 outputs stay live). */
  static final List<String> LIVE_UNIT_LAYERS = List.of("input", "hidden layer 1", "hidden layer 2");

  private QuickstartReport() {}

  static void write(Path dir, List<MethodSeeds> methods, List<String> findings) throws IOException {
    Map<String, List<double[]>> accuracy = new LinkedHashMap<>();
    Map<String, List<double[]>> drops = new LinkedHashMap<>();
    Map<String, Map<String, Double>> sparsity = new LinkedHashMap<>();
    List<Map<String, List<double[]>>> live = new ArrayList<>();
    LIVE_UNIT_LAYERS.forEach(l -> live.add(new LinkedHashMap<>()));
    for (MethodSeeds m : methods) {
      MnistOutcome r = m.first();
      accuracy.put(m.method(), m.accuracyCurve());
      if (!r.dropFractions().isEmpty()) {
        drops.put(m.method(), points(r.dropFractions()));
      }
      sparsity.put(m.method(), r.layerSparsity());
      for (int l = 0; l < live.size() && l < r.liveUnits().size() - 1; l++) {
        live.get(l).put(m.method(), m.liveUnitCurve(l));
      }
    }
    Charts.lines(dir.resolve("accuracy.png"), "Test accuracy (mean over seeds)", "step", "top-1 accuracy", accuracy);
    StringBuilder liveCharts = new StringBuilder();
    for (int l = 0; l < live.size(); l++) {
      String png = "live_units_" + l + ".png";
      Charts.lines(dir.resolve(png), "Live units: " + LIVE_UNIT_LAYERS.get(l) + " (mean over seeds)", "step", "live units",
          live.get(l));
      liveCharts.append("<img src=\"").append(png).append("\">\n");
    }
    Charts.bars(dir.resolve("sparsity.png"), "Sparsity per layer", "layer", "sparsity", sparsity);
    if (!drops.isEmpty()) {
      Charts.lines(dir.resolve("drop_fraction.png"), "Drop fraction at each mask update", "step", "drop fraction", drops);
    }
    List<MnistOutcome> results = methods.stream().map(MethodSeeds::first).toList();
    StringBuilder masks = new StringBuilder();
    for (MnistOutcome r : results) {
      if (r.sparsity() == 0) {
        continue;
      }
      float[] before = perPixel(r.firstMaskBefore());
      float[] after = perPixel(r.firstMaskAfter());
      float max = Math.max(max(before), max(after));
      Charts.heatmap(dir.resolve("mask_" + r.method() + "_before.png"), before, 28, 28, 8, max);
      Charts.heatmap(dir.resolve("mask_" + r.method() + "_after.png"), after, 28, 28, 8, max);
      masks.append(String.format(Locale.ROOT,
          "<tr><td>%s</td><td><img src=\"mask_%s_before.png\"></td><td><img src=\"mask_%s_after.png\"></td></tr>%n",
          r.method(), r.method(), r.method()));
    }
    StringBuilder rows = new StringBuilder();
    for (MethodSeeds m : methods) {
      MnistOutcome r = m.first();
      SeedSpread a = m.accuracy();
      rows.append(String.format(Locale.ROOT,
          "<tr><td>%s</td><td>%.2f%%</td><td>%.2f%% &plusmn; %.2f</td><td>%d</td><td>%s</td><td>%.3f</td><td>%d</td><td>%.0f</td></tr>%n",
          m.method(), 100 * r.sparsity(), 100 * a.mean(), 100 * a.std(), a.seeds(), m.liveUnitsText(), r.flopsRatio(),
          r.params(), r.imagesPerSecond()));
    }
    String html = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>rigl-java quickstart</title>
        <style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}table{border-collapse:collapse}
        td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}td:first-child{text-align:left}</style></head>
        <body><h1>Sparse training of the MNIST MLP (784-300-100-10) on Fashion-MNIST</h1>
        <p>The reference's MNIST experiment: layer sparsities 98% / 88.2% / dense, drop fraction 0.3 with cosine
        decay, mask updates every 100 steps. Sparse methods keep the same number of weights throughout;
        scratch keeps its random mask, static re-zeroes its smallest weights at each update.</p>
        <table><tr><th>method</th><th>sparsity</th><th>test accuracy (mean &plusmn; std)</th><th>seeds</th>
        <th>live units per layer</th><th>FLOPs / dense</th><th>weights</th><th>train images/s</th></tr>
        {{ROWS}}</table>
        <p>Live units: the compressed shape mnist_train_eval.py prints, the units with at least one incoming and
        one outgoing connection (input pixels: at least one outgoing), mean over the seeds.</p>
        <h2>What the numbers show</h2>
        {{FINDINGS}}
        <h2>Test accuracy</h2><img src="accuracy.png">
        <h2>Live units over training</h2>
        {{LIVE}}
        <h2>Sparsity per layer</h2><img src="sparsity.png">
        {{DROPS}}
        <h2>Connections kept per input pixel in layer1</h2>
        <p>Each square is one of the 28x28 input pixels; darker means more of its 300 outgoing connections are
        active. Random masks start uniform; methods that choose connections move them to the informative pixels.</p>
        <table><tr><th>method</th><th>start</th><th>end</th></tr>
        {{MASKS}}</table></body></html>
        """.replace("{{ROWS}}", rows)
        .replace("{{FINDINGS}}", findings.stream().map(f -> "<p>" + escape(f) + "</p>").collect(Collectors.joining("\n")))
        .replace("{{LIVE}}", liveCharts)
        .replace("{{DROPS}}", drops.isEmpty() ? "" : "<h2>Drop fraction</h2><img src=\"drop_fraction.png\">")
        .replace("{{MASKS}}", masks);
    DurableFiles.writeAtomically(dir.resolve("report.html"), html);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static List<double[]> points(List<MnistOutcome.Point> points) {
    List<double[]> out = new ArrayList<>();
    points.forEach(p -> out.add(new double[] {p.step(), p.value()}));
    return out;
  }

  /** Active connections per input pixel: row sums of the [784, 300] mask. */
  private static float[] perPixel(float[] mask) {
    int outputs = mask.length / 784;
    float[] counts = new float[784];
    for (int i = 0; i < 784; i++) {
      for (int j = 0; j < outputs; j++) {
        counts[i] += mask[i * outputs + j];
      }
    }
    return counts;
  }

  private static float max(float[] values) {
    float m = 0;
    for (float v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
