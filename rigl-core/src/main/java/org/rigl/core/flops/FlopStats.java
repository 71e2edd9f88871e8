package org.rigl.core.flops;

/**
 * Result of {@link FlopCounter#getStats}.
 *
 * @param totalFlops Σ (multiplications + additions) per input sample
 * @param totalParamBits bits to store the (sparse) model for inference
 * @param realSparsity zeros over parameters of the kernels, biases excluded
 */
public record FlopStats(double totalFlops, double totalParamBits, double realSparsity) {

  /** As the reference notebooks print it: flops / 1e6. */
  public double megaFlops() {
    return totalFlops / 1e6;
  }

  /** As the reference notebooks print it: bits / 8e6. */
  public double megaBytes() {
    return totalParamBits / 8e6;
  }
}
