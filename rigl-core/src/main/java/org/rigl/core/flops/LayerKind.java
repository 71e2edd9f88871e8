package org.rigl.core.flops;

/** The Keras layer types get_stats distinguishes. */
public enum LayerKind {
  CONV2D,
  /** Counted as a Conv2D with c_out = 1; see {@link FlopCounter}. */
  DEPTHWISE_CONV2D,
  DENSE
}
