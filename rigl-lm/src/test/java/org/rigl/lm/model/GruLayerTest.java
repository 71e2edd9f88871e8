package org.rigl.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The GRU step against the TF1 GRUCell equations computed by hand, and its TF1-style variables. */
@Tag("fast")
class GruLayerTest {
  private static final int IN = 2;
  private static final int U = 2;

  // Kernels row-major [rows, cols]; gates columns are [r0, r1, u0, u1] as TF1 splits them.
  private static final float[] GATES_INPUT = {0.5f, -0.25f, 0.1f, 0.3f, -0.4f, 0.2f, 0.6f, -0.1f};
  private static final float[] GATES_RECURRENT = {0.2f, 0.1f, -0.3f, 0.05f, 0.15f, -0.2f, 0.25f, 0.4f};
  private static final float[] CANDIDATE_INPUT = {0.7f, -0.6f, 0.3f, 0.9f};
  private static final float[] CANDIDATE_RECURRENT = {-0.5f, 0.35f, 0.45f, 0.1f};
  private static final float[] X = {1.0f, -2.0f};
  private static final float[] H = {0.3f, -0.7f};

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /** h' by hand: [r,u] = sigmoid(x Wx_g + h Wh_g + 1), c = tanh(x Wx_c + (r*h) Wh_c), h' = u h + (1-u) c. */
  private static float[] handStep() {
    double[] gates = new double[2 * U];
    for (int j = 0; j < 2 * U; j++) {
      double v = 1.0; // TF1 GRUCell gate bias initialiser
      for (int i = 0; i < IN; i++) {
        v += X[i] * GATES_INPUT[i * 2 * U + j];
      }
      for (int i = 0; i < U; i++) {
        v += H[i] * GATES_RECURRENT[i * 2 * U + j];
      }
      gates[j] = sigmoid(v);
    }
    float[] out = new float[U];
    for (int j = 0; j < U; j++) {
      double v = 0.0; // candidate bias starts at 0
      for (int i = 0; i < IN; i++) {
        v += X[i] * CANDIDATE_INPUT[i * U + j];
      }
      for (int i = 0; i < U; i++) {
        v += gates[i] * H[i] * CANDIDATE_RECURRENT[i * U + j];
      }
      double c = Math.tanh(v);
      double u = gates[U + j];
      out[j] = (float) (u * H[j] + (1 - u) * c);
    }
    return out;
  }

  private static void set(Session s, Ops tf, Variable<TFloat32> v, float[] values) {
    s.run(tf.assign(v, tf.constant(v.shape(), DataBuffers.of(values, true, false))));
  }

  private static float[] fetch(Session s, Operand<TFloat32> x) {
    try (Tensor t = s.runner().fetch(x).run().get(0)) {
      float[] out = new float[(int) t.shape().size()];
      ((TFloat32) t).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  @Test
  void stepMatchesHandComputedGruCell() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      MaskRegistry masks = new MaskRegistry(3);
      GruLayer layer = new GruLayer(tf, masks, "rnn/multi_rnn_cell/cell_0/gru_cell", IN, U);
      Operand<TFloat32> x = tf.constant(Shape.of(1, IN), DataBuffers.of(X, true, false));
      Operand<TFloat32> h = tf.constant(Shape.of(1, U), DataBuffers.of(H, true, false));
      Operand<TFloat32> next = layer.step(tf, x, h);
      List<MaskedWeights> kernels = masks.layers();
      set(s, tf, kernels.get(0).weights(), GATES_INPUT);
      set(s, tf, kernels.get(1).weights(), GATES_RECURRENT);
      set(s, tf, kernels.get(2).weights(), CANDIDATE_INPUT);
      set(s, tf, kernels.get(3).weights(), CANDIDATE_RECURRENT);
      assertArrayEquals(handStep(), fetch(s, next), 1e-6f);

      // A masked-out recurrent weight drops out of the step exactly as if it were zero.
      float[] mask = {1f, 1f, 0f, 1f};
      set(s, tf, kernels.get(3).mask(), mask);
      float[] withMask = fetch(s, next);
      set(s, tf, kernels.get(3).mask(), new float[] {1f, 1f, 1f, 1f});
      float[] zeroed = CANDIDATE_RECURRENT.clone();
      zeroed[2] = 0f;
      set(s, tf, kernels.get(3).weights(), zeroed);
      assertArrayEquals(fetch(s, next), withMask, 0f);
    }
  }

  @Test
  void unrollEqualsRepeatedSteps() {
    int batch = 3;
    int steps = 4;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      GruLayer layer = new GruLayer(tf, new MaskRegistry(5), "cell", IN, U);
      Operand<TFloat32> inputs =
          tf.random.statelessRandomNormal(tf.constant(new long[] {steps * batch, IN}), tf.constant(new long[] {1, 2}), TFloat32.class);
      Operand<TFloat32> h0 =
          tf.random.statelessRandomNormal(tf.constant(new long[] {batch, U}), tf.constant(new long[] {3, 4}), TFloat32.class);
      GruLayer.Unrolled unrolled = layer.unroll(tf, inputs, steps, h0);
      List<Operand<TFloat32>> expected = new ArrayList<>();
      Operand<TFloat32> h = h0;
      for (int t = 0; t < steps; t++) {
        Operand<TFloat32> x = tf.slice(inputs, tf.constant(new int[] {t * batch, 0}), tf.constant(new int[] {batch, IN}));
        h = layer.step(tf, x, h);
        expected.add(h);
      }
      assertArrayEquals(fetch(s, tf.concat(expected, tf.constant(0))), fetch(s, unrolled.outputs()), 1e-6f);
      assertArrayEquals(fetch(s, h), fetch(s, unrolled.finalState()), 1e-6f);
    }
  }

  @Test
  void variablesAreNamedAndInitialisedAsTf1GruCell() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      MaskRegistry masks = new MaskRegistry(0);
      String scope = "rnn/multi_rnn_cell/cell_1/gru_cell";
      GruLayer layer = new GruLayer(tf, masks, scope, 4, 3);
      List<String> names = masks.layers().stream().map(MaskedWeights::weightsName).toList();
      assertEquals(List.of(scope + "/gates/input/weights", scope + "/gates/recurrent/weights",
          scope + "/candidate/input/weights", scope + "/candidate/recurrent/weights"), names);
      assertEquals(scope + "/gates/recurrent/mask", masks.layers().get(1).maskName());
      assertEquals(List.of(4L, 6L), List.of(masks.layers().get(0).shape().size(0), masks.layers().get(0).shape().size(1)));
      assertEquals(List.of(3L, 3L), List.of(masks.layers().get(3).shape().size(0), masks.layers().get(3).shape().size(1)));
      assertEquals(scope + "/gates/biases", layer.biases().get(0).op().name());
      assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, fetch(s, layer.biases().get(0)), 0f);
      assertArrayEquals(new float[] {0, 0, 0}, fetch(s, layer.biases().get(1)), 0f);
      // Glorot-uniform limit of TF1's concatenated gates kernel [in + U, 2U]: sqrt(6 / (7 + 6)).
      double limit = Math.sqrt(6.0 / 13);
      float maxAbs = 0;
      for (float w : fetch(s, masks.layers().get(1).weights())) {
        maxAbs = Math.max(maxAbs, Math.abs(w));
      }
      assertEquals(true, maxAbs <= limit && maxAbs > 0.3 * limit, "max |w| " + maxAbs + " vs limit " + limit);
    }
  }
}
