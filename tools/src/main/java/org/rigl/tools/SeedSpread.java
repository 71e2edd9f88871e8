package org.rigl.tools;

import java.util.List;

/**
 * One number measured over several seeds: its mean and its spread, the sample standard deviation
 * (0 for a single seed, which has no spread to measure).
 */
record SeedSpread(int seeds, double mean, double std) {

  static SeedSpread of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values to summarise");
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    if (values.size() == 1) {
      return new SeedSpread(1, mean, 0);
    }
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return new SeedSpread(values.size(), mean, Math.sqrt(squares / (values.size() - 1)));
  }
}
