package org.rigl.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rigl.core.flags.FlagChecks;
import org.rigl.core.sparse.NativeSparseOps;
import org.rigl.tools.sparse.DenseMatMulRoute;
import org.rigl.tools.sparse.LayerRoute;
import org.rigl.tools.sparse.LayerShape;
import org.rigl.tools.sparse.NativeSparseRoute;
import org.rigl.tools.sparse.SparseLayerProblem;
import org.rigl.tools.sparse.TfSparseRoute;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rigl bench-sparse-layer}: one layer's forward and backward on the nonzero weights only,
 * against the dense MatMul of the masked weight, per layer shape and sparsity. Every
 * route's session is live at once and they take their timed runs in turn (rotating who goes first),
 * so the per-round ratios hold on a shared machine; medians over rounds are reported.
 */
@Command(
    name = "bench-sparse-layer",
    mixinStandardHelpOptions = true,
    description = {
      "Times one layer's forward (Y = X*W) and backward (dX and the gradient of the nonzero",
      "values) with sparse compute routes, as ratios of time to the dense MatMul of the masked",
      "weight (below 1: faster), all routes live at once and running in turn, medians over rounds.",
      "Route tf: SparseTensorDenseMatMul on W^T as sorted COO, values' gradient by MatMul + GatherNd.",
      "Route native: this project's C kernels (SpMM over the nonzeros, SDDMM for the values' gradient),",
      "compiled by gcc at first use; skipped, with the reason, where gcc is missing.",
      "With --write, appends the table to a markdown file such as BENCHMARKS.md."
    })
final class BenchSparseLayerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--shapes", split = ",", defaultValue = "100x784x300,32x640x1536,128x2048x1000,3136x1024x256",
      description = "Layer products BATCHxINxOUT (default: the MLP's first layer, the GRU's gates, ResNet-50's fc "
          + "and a 1x1 convolution as a product: ${DEFAULT-VALUE}).")
  List<String> shapes;

  @Option(names = "--sparsities", split = ",", defaultValue = "0.9,0.95,0.98",
      description = "Fractions of zero weights (default: ${DEFAULT-VALUE}).")
  List<Double> sparsities;

  // One count per process: TF sizes its intra-op pool once, from the first session, and keeps it.
  @Option(names = "--intra_op_threads", defaultValue = "1",
      description = "TF intra-op threads, and the native kernels' threads; one inter-op thread. TF keeps the count of "
          + "the process's first session, so measure each count in its own run (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--routes", split = ",", defaultValue = "tf,native",
      description = "Sparse routes to time against the dense MatMul: tf, native (default: ${DEFAULT-VALUE}).")
  List<String> routeNames;

  @Option(names = "--steps", defaultValue = "10", description = "Timed runs per route and round (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup_steps", defaultValue = "2", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
  int warmupSteps;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds; the ratios are medians over them (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the inputs and the nonzero positions (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--write", description = "Append the results to this markdown file, e.g. BENCHMARKS.md.")
  Path write;

  @Override
  public Integer call() throws IOException {
    FlagChecks.positive("--steps", steps);
    FlagChecks.nonNegative("--warmup_steps", warmupSteps);
    FlagChecks.positive("--rounds", rounds);
    FlagChecks.positive("--intra_op_threads", threads);
    sparsities.forEach(s -> FlagChecks.fraction("--sparsities", s));
    List<LayerShape> layers = shapes.stream().map(LayerShape::parse).toList();
    routeNames.forEach(r -> FlagChecks.oneOf("--routes", r, List.of("tf", "native")));
    List<String> measured = new ArrayList<>(routeNames);
    String skipped = "";
    if (measured.contains("native")) {
      var why = NativeSparseOps.load();
      if (why.isPresent()) {
        System.err.println("native route skipped: " + why.get());
        skipped = " Native route skipped: " + why.get() + ".";
        measured.remove("native");
      }
    }
    List<String> rows = new ArrayList<>();
    StringBuilder head = new StringBuilder("| threads | layer | dense ms, fwd / bwd | route |");
    StringBuilder rule = new StringBuilder("|---|---|---|---|");
    for (double s : sparsities) {
      head.append(String.format(Locale.ROOT, " %s fwd / bwd |", s));
      rule.append("---|");
    }
    rows.add(head.toString());
    rows.add(rule.toString());
    for (LayerShape layer : layers) {
      rows.addAll(measure(layer, threads, measured));
    }
    rows.forEach(System.out::println);
    if (write != null) {
      String header = String.format(Locale.ROOT,
          "%n## One sparse layer's compute routes against the dense MatMul, CPU (%d cores)%n%nCommand: `%s`%n%n"
              + "Ratios of time, route / dense MatMul of the masked weight (below 1: faster), forward / backward "
              + "(dX and the gradient of the nonzero values; dense: dX and the full dW), medians of per-round "
              + "ratios over %d rounds of %d interleaved runs after %d warm-up runs. Machine load at the start "
              + "(1-minute average): %s.%s%n%n",
          Runtime.getRuntime().availableProcessors(), InterleavedBench.commandLine(spec), rounds, steps, warmupSteps,
          loadAverage(), skipped);
      InterleavedBench.append(write, header, rows);
    }
    return 0;
  }

  /** One table row per route: dense times, then the route's ratios for every sparsity. */
  private List<String> measure(LayerShape layer, int intraOpThreads, List<String> names) {
    List<LayerRoute> routes = new ArrayList<>();
    try {
      for (int k = 0; k < sparsities.size(); k++) {
        SparseLayerProblem problem =
            SparseLayerProblem.random(layer.batch(), layer.in(), layer.out(), sparsities.get(k), seed + k);
        if (k == 0) {
          routes.add(new DenseMatMulRoute(problem, intraOpThreads));
        }
        for (String name : names) {
          routes.add(name.equals("tf") ? new TfSparseRoute(problem, intraOpThreads)
              : new NativeSparseRoute(problem, intraOpThreads));
        }
      }
      for (int i = 0; i < warmupSteps; i++) {
        routes.forEach(r -> {
          r.forward();
          r.backward();
        });
      }
      int n = routes.size();
      double[][] fwdRatio = new double[n][rounds];
      double[][] bwdRatio = new double[n][rounds];
      double[] denseFwd = new double[rounds];
      double[] denseBwd = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        double[] fwd = new double[n];
        double[] bwd = new double[n];
        for (int i = 0; i < steps; i++) {
          for (int j = 0; j < n; j++) {
            int m = (i + j) % n;
            long start = System.nanoTime();
            routes.get(m).forward();
            long mid = System.nanoTime();
            routes.get(m).backward();
            fwd[m] += mid - start;
            bwd[m] += System.nanoTime() - mid;
          }
        }
        denseFwd[round] = fwd[0] / steps / 1e6;
        denseBwd[round] = bwd[0] / steps / 1e6;
        for (int m = 0; m < n; m++) {
          fwdRatio[m][round] = fwd[m] / fwd[0];
          bwdRatio[m][round] = bwd[m] / bwd[0];
        }
        for (int r = 0; r < names.size(); r++) {
          System.err.printf(Locale.ROOT, "threads %d %s round %d dense %.2f / %.2f ms, %s %s%n", intraOpThreads,
              layer.describe(), round + 1, denseFwd[round], denseBwd[round], names.get(r),
              cells(fwdRatio, bwdRatio, round, r, names.size()));
        }
      }
      List<String> rows = new ArrayList<>();
      for (int r = 0; r < names.size(); r++) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %s | %.2f / %.2f | %s |",
            intraOpThreads, layer.describe(), InterleavedBench.median(denseFwd), InterleavedBench.median(denseBwd),
            names.get(r)));
        for (int k = 1 + r; k < n; k += names.size()) {
          row.append(String.format(Locale.ROOT, " %.2f / %.2f |", InterleavedBench.median(fwdRatio[k]),
              InterleavedBench.median(bwdRatio[k])));
        }
        rows.add(row.toString());
      }
      return rows;
    } finally {
      routes.forEach(LayerRoute::close);
    }
  }

  /** Route {@code r}'s ratios in one round, one pair per sparsity. */
  private static String cells(double[][] fwd, double[][] bwd, int round, int r, int perSparsity) {
    StringBuilder s = new StringBuilder();
    for (int k = 1 + r; k < fwd.length; k += perSparsity) {
      s.append(String.format(Locale.ROOT, "%s%.2f / %.2f", k > 1 + r ? ", " : "", fwd[k][round], bwd[k][round]));
    }
    return s.toString();
  }

  private static String loadAverage() {
    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
  }
}
