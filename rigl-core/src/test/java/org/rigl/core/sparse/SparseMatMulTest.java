package org.rigl.core.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.rigl.core.TensorValues;
import org.rigl.core.sparse.SparseMatMul.Route;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Both routes of the sparse product against the dense computation done by hand: the forward, its static
 * shape and the gradients of the values and of D; the native kernels also split over threads.
 */
@Tag("fast")
class SparseMatMulTest {
  private static final int ROWS = 37;
  private static final int COLS = 53;
  private static final int N = 19;
  private static final float TOLERANCE = 1e-5f;

  /** A seeded S {@code [ROWS, COLS]} at about 90% zeros as sorted COO, D {@code [COLS, n]}, R {@code [ROWS, n]}. */
  private record Problem(int n, long[] indices, float[] values, float[] dense, float[] r) {
    static Problem random(long seed, int n) {
      Random random = new Random(seed);
      long[] all = new long[2 * ROWS * COLS];
      int nnz = 0;
      for (int i = 0; i < ROWS; i++) {
        for (int j = 0; j < COLS; j++) {
          if (random.nextDouble() < 0.1) {
            all[2 * nnz] = i;
            all[2 * nnz + 1] = j;
            nnz++;
          }
        }
      }
      long[] indices = Arrays.copyOf(all, 2 * nnz);
      return new Problem(n, indices, uniform(random, nnz), uniform(random, COLS * n), uniform(random, ROWS * n));
    }

    int nnz() {
      return indices.length / 2;
    }

    int row(int j) {
      return (int) indices[2 * j];
    }

    int col(int j) {
      return (int) indices[2 * j + 1];
    }

    /** S·D, [ROWS, n]. */
    float[] product() {
      double[] out = new double[ROWS * n];
      for (int j = 0; j < nnz(); j++) {
        for (int b = 0; b < n; b++) {
          out[row(j) * n + b] += values[j] * dense[col(j) * n + b];
        }
      }
      return toFloats(out);
    }

    /** Sᵀ·R, [COLS, n]: the gradient of sum(S·D * R) with respect to D. */
    float[] denseGradient() {
      double[] out = new double[COLS * n];
      for (int j = 0; j < nnz(); j++) {
        for (int b = 0; b < n; b++) {
          out[col(j) * n + b] += values[j] * r[row(j) * n + b];
        }
      }
      return toFloats(out);
    }

    /** (R·Dᵀ) at the nonzeros: the gradient of sum(S·D * R) with respect to the values. */
    float[] valuesGradient() {
      double[] out = new double[nnz()];
      for (int j = 0; j < nnz(); j++) {
        for (int b = 0; b < n; b++) {
          out[j] += r[row(j) * n + b] * dense[col(j) * n + b];
        }
      }
      return toFloats(out);
    }
  }

  private static float[] uniform(Random random, int size) {
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      out[i] = random.nextFloat() * 2 - 1;
    }
    return out;
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static Operand<TFloat32> floats(Ops tf, float[] data, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(data, true, false));
  }

  private static Operand<TInt64> indices(Ops tf, long[] data) {
    return tf.constant(Shape.of(data.length / 2, 2), DataBuffers.of(data, true, false));
  }

  private static void assumeNative() {
    Optional<String> why = NativeSparseOps.load();
    why.ifPresent(w -> System.out.println("native sparse ops unavailable, native cases skipped: " + w));
    Assumptions.assumeTrue(why.isEmpty(), () -> "native sparse ops unavailable: " + why.orElse(""));
  }

  @ParameterizedTest
  @CsvSource({"TF, 1, 19", "NATIVE, 1, 19", "NATIVE, 2, 19", "NATIVE, 1, 150", "NATIVE, 2, 150", "NATIVE, 1, 7",
      "NATIVE, 1, 32", "NATIVE, 2, 100", "NATIVE, 1, 300"})
  void forwardAndGradientsMatchTheDenseComputation(Route route, int threads, int n) {
    if (route == Route.NATIVE) {
      assumeNative();
    }
    Problem p = Problem.random(17, n);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> values = floats(tf, p.values(), p.nnz());
      Operand<TFloat32> dense = floats(tf, p.dense(), COLS, p.n());
      Operand<TFloat32> product = SparseMatMul.product(tf, indices(tf, p.indices()), values, dense, ROWS, COLS,
          threads, route);
      assertArrayEquals(new long[] {ROWS, p.n()}, product.shape().asArray());
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(product, floats(tf, p.r(), ROWS, p.n())),
          tf.constant(new int[] {0, 1}));
      Output<?>[] gradients = graph.addGradients(loss.asOutput(), new Output<?>[] {values.asOutput(), dense.asOutput()});

      assertArrayEquals(p.product(), TensorValues.floats(session, product), TOLERANCE);
      assertArrayEquals(p.valuesGradient(), TensorValues.floats(session, gradients[0].expect(TFloat32.class)),
          TOLERANCE);
      assertArrayEquals(p.denseGradient(), TensorValues.floats(session, gradients[1].expect(TFloat32.class)),
          TOLERANCE);
    }
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void aDenseOperandOfUnknownWidthLeavesTheWidthUnknown(Route route) {
    if (route == Route.NATIVE) {
      assumeNative();
    }
    Problem p = Problem.random(5, N);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> dense = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(COLS, -1)));
      Operand<TFloat32> product = SparseMatMul.product(tf, indices(tf, p.indices()), floats(tf, p.values(), p.nnz()),
          dense, ROWS, COLS, 1, route);
      assertArrayEquals(new long[] {ROWS, -1}, product.shape().asArray());
    }
  }

  @Test
  void routeIsNativeExactlyWhenTheLibraryLoaded() {
    assertEquals(NativeSparseOps.load().isEmpty() ? "native" : "tf", SparseMatMul.route());
  }

  @Test
  void adjointOnTwoThreadsEqualsOneThreadAndTheTransposedProduct() {
    assumeNative();
    Problem p = Problem.random(23, N);
    float[] r = p.r();
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TInt64> indices = indices(tf, p.indices());
      Operand<TFloat32> values = floats(tf, p.values(), p.nnz());
      Operand<TFloat32> dense = floats(tf, r, ROWS, N);
      float[] one = TensorValues.floats(session,
          NativeSparseOps.spmm(tf, indices, values, dense, COLS, ROWS, true, 1));
      float[] two = TensorValues.floats(session,
          NativeSparseOps.spmm(tf, indices, values, dense, COLS, ROWS, true, 2));
      assertArrayEquals(p.denseGradient(), one, TOLERANCE);
      assertArrayEquals(one, two, TOLERANCE);
    }
  }

  @ParameterizedTest
  @EnumSource(Route.class)
  void anOutOfRangeIndexIsAnInvalidArgumentError(Route route) {
    if (route == Route.NATIVE) {
      assumeNative();
    }
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TInt64> indices = indices(tf, new long[] {0, 1, 2, COLS});
      Operand<TFloat32> product = SparseMatMul.product(tf, indices, floats(tf, new float[] {1, 2}, 2),
          floats(tf, new float[COLS * N], COLS, N), ROWS, COLS, 1, route);
      TFInvalidArgumentException e = assertThrows(TFInvalidArgumentException.class, () -> TensorValues.floats(session, product));
      if (route == Route.NATIVE) {
        assertTrue(e.getMessage().contains("index out of range"), e.getMessage());
      }
    }
  }
}
