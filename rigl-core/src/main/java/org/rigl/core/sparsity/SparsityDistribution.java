package org.rigl.core.sparsity;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The per-layer sparsity distributions of sparse_utils.get_sparsities, by their flag names. */
public enum SparsityDistribution {
  /** Uniform: every layer gets the default sparsity unless overridden (get_sparsities_uniform). */
  RANDOM("random"),
  /** Erdős–Rényi, scaling by (n_in + n_out) / (n_in * n_out) of the last two dimensions. */
  ERDOS_RENYI("erdos_renyi"),
  /** Erdős–Rényi-Kernel, scaling by sum(shape) / prod(shape), raised to erk_power_scale. */
  ERDOS_RENYI_KERNEL("erdos_renyi_kernel"),
  /** The ResNet-50 distributions reported by STR (get_sparsities_str). */
  STR("str");

  private final String flagName;

  SparsityDistribution(String flagName) {
    this.flagName = flagName;
  }

  /** The name used by the reference flags ({@code --mask_init_method}). */
  public String flagName() {
    return flagName;
  }

  /** Parses a flag name; an unknown name is rejected with the list of valid ones. */
  public static SparsityDistribution parse(String name) {
    for (SparsityDistribution d : values()) {
      if (d.flagName.equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "Method: " + name + " is not valid mask initialization method; valid methods: " + validNames());
  }

  /** Comma-separated flag names, in declaration order. */
  public static String validNames() {
    return Arrays.stream(values()).map(SparsityDistribution::flagName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return flagName;
  }
}
