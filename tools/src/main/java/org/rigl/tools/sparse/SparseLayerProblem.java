package org.rigl.tools.sparse;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One layer's seeded inputs for timing and checking its compute routes: activations X
 * {@code [batch, in]}, an incoming gradient dY {@code [batch, out]}, and the nonzero weights of W
 * {@code [in, out]} listed as positions {@code o * in + i} of Wᵀ, sorted (row-major sorted COO of Wᵀ).
 */
public record SparseLayerProblem(int batch, int in, int out, float[] x, float[] dy, long[] positions, float[] values) {

  /** {@code round((1 - sparsity) * in * out)} nonzeros (at least one) at seeded random positions. */
  public static SparseLayerProblem random(int batch, int in, int out, double sparsity, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int size = Math.multiplyExact(in, out);
    int nnz = (int) Math.max(1, Math.round((1 - sparsity) * size));
    int[] all = new int[size];
    Arrays.setAll(all, p -> p);
    long[] positions = new long[nnz];
    for (int k = 0; k < nnz; k++) {
      int pick = k + random.nextInt(size - k);
      int chosen = all[pick];
      all[pick] = all[k];
      positions[k] = chosen;
    }
    Arrays.sort(positions);
    return new SparseLayerProblem(batch, in, out, uniform(random, batch * in), uniform(random, batch * out), positions,
        uniform(random, nnz));
  }

  public int nonzeros() {
    return positions.length;
  }

  /** W {@code [in, out]}, zero outside the nonzeros: the masked weight. */
  public float[] maskedWeights() {
    float[] w = new float[in * out];
    for (int k = 0; k < positions.length; k++) {
      w[wIndex(k)] = values[k];
    }
    return w;
  }

  /** Row-major index into W {@code [in, out]} of nonzero {@code k}. */
  public int wIndex(int k) {
    int o = (int) (positions[k] / in);
    int i = (int) (positions[k] % in);
    return i * out + o;
  }

  /** The {@code [nnz, 2]} indices (row, column) of the nonzeros in Wᵀ {@code [out, in]}. */
  public long[] transposedIndices() {
    long[] indices = new long[2 * positions.length];
    for (int k = 0; k < positions.length; k++) {
      indices[2 * k] = positions[k] / in;
      indices[2 * k + 1] = positions[k] % in;
    }
    return indices;
  }

  /** Row-major transpose of a {@code [rows, cols]} matrix. */
  public static float[] transpose(float[] m, int rows, int cols) {
    float[] t = new float[m.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = m[r * cols + c];
      }
    }
    return t;
  }

  private static float[] uniform(SplittableRandom random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return a;
  }
}
