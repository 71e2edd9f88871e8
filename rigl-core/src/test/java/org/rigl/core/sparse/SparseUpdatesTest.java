package org.rigl.core.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.core.train.AdamOptimizer;
import org.rigl.core.train.GradientAndVariable;
import org.rigl.core.train.MomentumOptimizer;
import org.rigl.core.train.SgdOptimizer;
import org.rigl.core.train.WeightOptimizer;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The weight step at a layer's nonzeros equals TF's own dense step (ApplyGradientDescent,
 * ApplyMomentum with and without Nesterov, ApplyAdam) fed a gradient that is zero elsewhere, at those
 * positions, and leaves every other position and slot untouched; the reads return the values there.
 */
@Tag("fast")
class SparseUpdatesTest {
  private static final int ROWS = 9;
  private static final int COLS = 13;
  private static final int STEPS = 3;

  private static final long[] INDICES = positions();
  private static final int NNZ = INDICES.length / 2;

  /** Every third position, in [cols, rows] order as a layer's indices run. */
  private static long[] positions() {
    List<long[]> picked = new ArrayList<>();
    for (int c = 0; c < COLS; c++) {
      for (int r = 0; r < ROWS; r++) {
        if ((r * COLS + c) % 3 == 0) {
          picked.add(new long[] {r, c});
        }
      }
    }
    long[] flat = new long[2 * picked.size()];
    for (int j = 0; j < picked.size(); j++) {
      flat[2 * j] = picked.get(j)[0];
      flat[2 * j + 1] = picked.get(j)[1];
    }
    return flat;
  }

  private static float[] uniform(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  /** The variable and every slot after STEPS steps: sparse (true) or dense with zeros elsewhere. */
  private static float[][] train(BiFunction<Ops, Operand<TFloat32>, WeightOptimizer> optimizer, boolean sparse) {
    Random random = new Random(7);
    float[] initial = uniform(random, ROWS * COLS);
    float[][] grads = new float[STEPS][];
    for (int s = 0; s < STEPS; s++) {
      grads[s] = uniform(random, NNZ);
    }
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = tf.withName("w").variable(tf.constant(Shape.of(ROWS, COLS), DataBuffers.of(initial)));
      var gradient = tf.placeholder(TFloat32.class);
      Operand<TInt64> indices = tf.constant(Shape.of(NNZ, 2), DataBuffers.of(INDICES));
      WeightOptimizer opt = optimizer.apply(tf, tf.constant(0.1f));
      GradientAndVariable gv = sparse ? new GradientAndVariable(gradient, w, indices)
          : new GradientAndVariable(tf.scatterNd(indices, gradient, tf.constant(new long[] {ROWS, COLS})), w);
      List<Op> step = opt.applyGradients(tf, List.of(gv));
      for (int s = 0; s < STEPS; s++) {
        try (TFloat32 t = TFloat32.tensorOf(Shape.of(NNZ), DataBuffers.of(grads[s]))) {
          var runner = session.runner().feed(gradient, t);
          step.forEach(runner::addTarget);
          runner.run();
        }
      }
      List<Variable<TFloat32>> all = new ArrayList<>(List.of(w));
      all.addAll(opt.slots(w).values());
      float[][] out = new float[all.size()][];
      for (int i = 0; i < all.size(); i++) {
        try (Result r = session.runner().fetch(all.get(i)).run()) {
          out[i] = new float[ROWS * COLS];
          ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(out[i]);
        }
      }
      return out;
    }
  }

  private static void assertSameAtPositions(BiFunction<Ops, Operand<TFloat32>, WeightOptimizer> optimizer) {
    float[][] sparse = train(optimizer, true);
    float[][] dense = train(optimizer, false);
    float[][] untouched = train((tf, lr) -> new SgdOptimizer(tf.constant(0f)), true);
    boolean[] active = new boolean[ROWS * COLS];
    for (int j = 0; j < NNZ; j++) {
      active[(int) (INDICES[2 * j] * COLS + INDICES[2 * j + 1])] = true;
    }
    for (int v = 0; v < sparse.length; v++) {
      for (int i = 0; i < ROWS * COLS; i++) {
        if (active[i]) {
          assertEquals(dense[v][i], sparse[v][i], 1e-6f * Math.max(1f, Math.abs(dense[v][i])), "variable " + v + " at " + i);
        } else {
          float expected = v == 0 ? untouched[0][i] : 0f;
          assertEquals(expected, sparse[v][i], 0f, "variable " + v + " left alone at " + i);
        }
      }
    }
  }

  @Test
  void sgdAtTheNonzerosIsTheDenseStepThere() {
    assertSameAtPositions((tf, lr) -> new SgdOptimizer(lr));
  }

  @Test
  void momentumAtTheNonzerosIsTheDenseStepThere() {
    assertSameAtPositions((tf, lr) -> new MomentumOptimizer(lr, 0.9f, false));
    assertSameAtPositions((tf, lr) -> new MomentumOptimizer(lr, 0.9f, true));
  }

  @Test
  void adamAtTheNonzerosIsTheDenseStepThere() {
    assertSameAtPositions((tf, lr) -> new AdamOptimizer(lr));
  }

  @Test
  void gatherReadsThePositionsInOrder() {
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      float[] w = new float[ROWS * COLS];
      for (int i = 0; i < w.length; i++) {
        w[i] = i;
      }
      Operand<TFloat32> values = SparseUpdates.gather(tf, tf.constant(Shape.of(ROWS, COLS), DataBuffers.of(w)),
          tf.constant(Shape.of(NNZ, 2), DataBuffers.of(INDICES)));
      try (Result r = session.runner().fetch(values).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        for (int j = 0; j < NNZ; j++) {
          assertEquals(INDICES[2 * j] * COLS + INDICES[2 * j + 1], t.getFloat(j), 0f);
        }
      }
    }
  }

  @Test
  void anIndexOutsideTheVariableIsAnInvalidArgument() {
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = tf.variable(tf.zeros(tf.constant(new long[] {ROWS, COLS}), TFloat32.class));
      Op step = SparseUpdates.sgd(tf, w, tf.constant(new long[][] {{ROWS, 0}}), tf.constant(new float[] {1f}),
          tf.constant(0.1f));
      assertThrows(TFInvalidArgumentException.class, () -> session.runner().addTarget(step).run());
    }
  }
}
