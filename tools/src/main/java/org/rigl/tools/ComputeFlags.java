package org.rigl.tools;

import org.rigl.core.sparse.ComputeOptions;
import org.rigl.core.sparse.SparseComputeMode;
import picocli.CommandLine.Option;

/** {@code --sparse_compute} and {@code --intra_op_threads}: how a run computes, never what it trains. */
final class ComputeFlags {
  @Option(names = "--sparse_compute", defaultValue = "masked", paramLabel = "MODE",
      description = "How masked layers multiply: masked (the reference: dense mask * W), sparse (only the "
          + "nonzero weights: forward, backward and the weight step; the dense gradient only where a mask "
          + "update reads it) or auto (sparse for each layer whose sparsity makes it faster: 0.925 and up, "
          + "0.9 and up for products of 1e8 multiply-adds and more). Needs set, rigl, momentum or static. "
          + "Checkpoints are the same either way (default: ${DEFAULT-VALUE}).")
  String sparseCompute;

  @Option(names = "--intra_op_threads", defaultValue = "0", paramLabel = "N",
      description = "Threads for TensorFlow's ops and the sparse kernels, 0 for one per core; the first "
          + "session of a process fixes it (default: ${DEFAULT-VALUE}).")
  int intraOpThreads;

  ComputeOptions toOptions() {
    return new ComputeOptions(SparseComputeMode.parse(sparseCompute), intraOpThreads);
  }
}
