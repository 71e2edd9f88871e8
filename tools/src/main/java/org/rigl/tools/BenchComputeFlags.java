package org.rigl.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.rigl.core.flags.FlagChecks;
import org.rigl.core.sparse.ComputeOptions;
import org.rigl.core.sparse.SparseComputeMode;
import picocli.CommandLine.Option;

/** A benchmark's {@code --sparse_compute} modes, measured side by side, and its {@code --intra_op_threads}. */
final class BenchComputeFlags {
  /** One measured row: its label ({@code METHOD} or {@code METHOD/MODE}), the method and how it computes. */
  record Row(String label, String method, ComputeOptions compute) {}

  @Option(names = "--sparse_compute", split = ",", defaultValue = "masked", paramLabel = "MODE",
      description = "Compute modes each dynamic sparse method runs under, side by side: masked, sparse, auto "
          + "(default: ${DEFAULT-VALUE}). Rows read METHOD/MODE when more than one is given.")
  List<String> modes;

  @Option(names = "--intra_op_threads", defaultValue = "0", paramLabel = "N",
      description = "Threads for TensorFlow's ops and the sparse kernels, 0 for one per core (default: ${DEFAULT-VALUE}).")
  int intraOpThreads;

  /**
   * The rows for {@code methods} in order: a method that {@code takesModes} (one that keeps each layer's
   * count of nonzeros) once per mode, any other once, masked.
   */
  List<Row> rows(List<String> methods, Predicate<String> takesModes) {
    FlagChecks.nonNegative("--intra_op_threads", intraOpThreads);
    List<SparseComputeMode> parsed = modes.stream().map(SparseComputeMode::parse).distinct().toList();
    List<Row> rows = new ArrayList<>();
    for (String m : methods) {
      boolean dynamic = takesModes.test(m);
      for (SparseComputeMode mode : dynamic ? parsed : List.of(SparseComputeMode.MASKED)) {
        String label = !dynamic || parsed.size() == 1 ? m : m + "/" + mode.flagName();
        rows.add(new Row(label, m, new ComputeOptions(mode, intraOpThreads)));
      }
    }
    return rows;
  }

  /** The threads, as a benchmark's heading says them. */
  String describeThreads() {
    return intraOpThreads == 0 ? "TF's default threads" : intraOpThreads + " intra-op thread(s)";
  }
}
