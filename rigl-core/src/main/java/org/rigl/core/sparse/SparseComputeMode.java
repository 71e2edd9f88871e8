package org.rigl.core.sparse;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@code --sparse_compute}: how masked layers multiply. {@code masked} is the reference's dense
 * {@code mask * W}; {@code sparse} multiplies with the nonzero weights only; {@code auto} chooses
 * per layer by {@link SparseRouteRule}.
 */
public enum SparseComputeMode {
  MASKED,
  SPARSE,
  AUTO;

  /** The flag value: masked, sparse, auto. */
  public String flagName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named by a flag value; the error lists the valid ones. */
  public static SparseComputeMode parse(String value) {
    for (SparseComputeMode m : values()) {
      if (m.flagName().equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("--sparse_compute: '" + value + "' is not one of "
        + String.join(", ", Arrays.stream(values()).map(SparseComputeMode::flagName).toList()));
  }
}
