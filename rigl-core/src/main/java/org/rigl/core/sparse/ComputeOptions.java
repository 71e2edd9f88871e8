package org.rigl.core.sparse;

import org.tensorflow.proto.ConfigProto;

/**
 * How a run computes, as opposed to what it trains: {@code --sparse_compute} and
 * {@code --intra_op_threads} (0: TensorFlow's default, one per core). Neither changes what a
 * checkpoint holds, so a run may resume under other values.
 */
public record ComputeOptions(SparseComputeMode sparseCompute, int intraOpThreads) {
  /** The reference's masked layers on TensorFlow's default threads. */
  public static final ComputeOptions DEFAULT = new ComputeOptions(SparseComputeMode.MASKED, 0);

  public ComputeOptions {
    if (sparseCompute == null) {
      throw new IllegalArgumentException("--sparse_compute: a mode is required");
    }
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("--intra_op_threads: must be 0 (one per core) or positive, not "
          + intraOpThreads);
    }
  }

  /**
   * The session configuration: TensorFlow's intra-op pool of {@code intraOpThreads} where given.
   * TensorFlow sizes that pool once per process, from its first session, so the count holds for the
   * whole process.
   */
  public ConfigProto sessionConfig() {
    ConfigProto.Builder config = ConfigProto.newBuilder();
    if (intraOpThreads > 0) {
      config.setIntraOpParallelismThreads(intraOpThreads).setInterOpParallelismThreads(intraOpThreads);
    }
    return config.build();
  }

  /** The sparse kernels' thread budget: the intra-op count, or the machine's cores. */
  public int kernelThreads() {
    return intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
  }
}
