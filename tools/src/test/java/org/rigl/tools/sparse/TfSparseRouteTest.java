package org.rigl.tools.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The tf route computes what the dense product of the masked weight computes: Y, dX and, at every
 * nonzero, dW; the dense route itself is checked against sums written out by hand.
 */
class TfSparseRouteTest {
  private static final SparseLayerProblem PROBLEM = SparseLayerProblem.random(5, 7, 4, 0.6, 3);

  @Test
  void matchesTheDenseMaskedProductForwardAndBothGradients() {
    try (LayerRoute dense = new DenseMatMulRoute(PROBLEM, 1); LayerRoute sparse = new TfSparseRoute(PROBLEM, 1)) {
      assertArrayEquals(dense.y(), sparse.y(), 1e-5f);
      assertArrayEquals(dense.dx(), sparse.dx(), 1e-5f);
      assertArrayEquals(dense.dValues(), sparse.dValues(), 1e-5f);
    }
  }

  @Test
  void denseRouteIsTheMaskedProduct() {
    int b = PROBLEM.batch();
    int in = PROBLEM.in();
    int out = PROBLEM.out();
    float[] w = PROBLEM.maskedWeights();
    try (LayerRoute dense = new DenseMatMulRoute(PROBLEM, 1)) {
      float[] y = dense.y();
      float[] dx = dense.dx();
      float[] dValues = dense.dValues();
      for (int r = 0; r < b; r++) {
        for (int o = 0; o < out; o++) {
          double sum = 0;
          for (int i = 0; i < in; i++) {
            sum += PROBLEM.x()[r * in + i] * w[i * out + o];
          }
          assertEquals(sum, y[r * out + o], 1e-5);
        }
        for (int i = 0; i < in; i++) {
          double sum = 0;
          for (int o = 0; o < out; o++) {
            sum += PROBLEM.dy()[r * out + o] * w[i * out + o];
          }
          assertEquals(sum, dx[r * in + i], 1e-5);
        }
      }
      for (int k = 0; k < PROBLEM.nonzeros(); k++) {
        int o = (int) (PROBLEM.positions()[k] / in);
        int i = (int) (PROBLEM.positions()[k] % in);
        double sum = 0;
        for (int r = 0; r < b; r++) {
          sum += PROBLEM.x()[r * in + i] * PROBLEM.dy()[r * out + o];
        }
        assertEquals(sum, dValues[k], 1e-5);
      }
    }
  }

  @Test
  void problemHasTheAskedNonzerosSortedAndDistinct() {
    assertEquals(Math.round(0.4 * 28), PROBLEM.nonzeros());
    for (int k = 1; k < PROBLEM.nonzeros(); k++) {
      assertEquals(true, PROBLEM.positions()[k - 1] < PROBLEM.positions()[k]);
    }
  }
}
