package org.rigl.tools.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rigl.core.sparse.NativeSparseOps;

/** The native kernels compute what the tf route computes; on one thread and split over threads; skipped where gcc cannot build them. */
class NativeSparseRouteTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void matchesTheTfRouteForwardAndBothGradients(int threads) {
    Optional<String> why = NativeSparseOps.load();
    assumeTrue(why.isEmpty(), () -> why.orElse(""));
    SparseLayerProblem problem = SparseLayerProblem.random(6, 9, 5, 0.7, 11);
    try (LayerRoute tf = new TfSparseRoute(problem, 1); LayerRoute own = new NativeSparseRoute(problem, threads)) {
      assertArrayEquals(tf.y(), own.y(), 1e-5f);
      assertArrayEquals(tf.dx(), own.dx(), 1e-5f);
      assertArrayEquals(tf.dValues(), own.dValues(), 1e-5f);
    }
  }
}
