package org.rigl.lm.train;

import org.rigl.core.sparse.ComputeOptions;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * Session options for the unrolled model: Grappler's graph rewriting switched off. The unrolled
 * graph has thousands of ops (every time step of every layer, forward and backward); on it
 * Grappler spent 15-30 s on the first run and gave no faster steps (measured on CPU, paper-sized
 * model, seq_len 100: 0.8 s per step without it against 0.95 s with it).
 */
final class SessionConfig {
  private SessionConfig() {}

  static ConfigProto withoutGrappler() {
    return ConfigProto.newBuilder()
        .setGraphOptions(
            GraphOptions.newBuilder().setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)))
        .build();
  }

  /** The same with {@code compute}'s thread counts. */
  static ConfigProto withoutGrappler(ComputeOptions compute) {
    return withoutGrappler().toBuilder().mergeFrom(compute.sessionConfig()).build();
  }
}
