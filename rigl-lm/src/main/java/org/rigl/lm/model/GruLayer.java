package org.rigl.lm.model;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.mask.WeightInitializer;
import org.rigl.core.sparse.SparseCompute;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One GRU layer with TF1 {@code GRUCell}'s equations, initialisation and variable scopes, and with
 * its kernels split into masked input and recurrent halves.
 *
 * <pre>
 *   [r, u] = sigmoid(x Wx_g + h Wh_g + b_g)        b_g starts at 1.0
 *   c      = tanh(x Wx_c + (r * h) Wh_c + b_c)     b_c starts at 0
 *   h'     = u * h + (1 - u) * c
 * </pre>
 *
 * <p>TF1's GRUCell holds one kernel per gate group over {@code concat([x, h])}; this layer holds
 * {@code gates/input} ([in, 2U]) and {@code gates/recurrent} ([U, 2U]) in its place (likewise
 * {@code candidate/...}, [in, U] and [U, U]), which is the same function: TF1's
 * {@code gates/kernel} is {@code concat([gates/input/weights, gates/recurrent/weights], 0)}.
 * Split so that the input and recurrent kernels are masked on their own: each half is its own
 * masked layer, so a sparsity distribution (ERK) sizes them separately and their masks are
 * counted separately; and because the input halves of all time steps are one matrix product
 * (see {@link #unroll}). Both halves draw from the Glorot-uniform range TF1 uses for the
 * concatenated kernel, so the initial distribution is TF1's.
 */
public final class GruLayer {
  private final int units;
  private final MaskedWeights gatesInput;
  private final MaskedWeights gatesRecurrent;
  private final MaskedWeights candidateInput;
  private final MaskedWeights candidateRecurrent;
  private final Variable<TFloat32> gatesBiases;
  private final Variable<TFloat32> candidateBiases;

  /** The output of {@link #unroll}: every step's state, time-major [T * batch, U], and the last one. */
  public record Unrolled(Operand<TFloat32> outputs, Operand<TFloat32> finalState) {}

  /** Creates the layer's variables under {@code scope}, e.g. {@code rnn/multi_rnn_cell/cell_0/gru_cell}. */
  public GruLayer(Ops tf, MaskRegistry masks, String scope, int inputSize, int units) {
    this.units = units;
    WeightInitializer gatesInit = uniform(Math.sqrt(6.0 / (inputSize + units + 2.0 * units)));
    WeightInitializer candidateInit = uniform(Math.sqrt(6.0 / (inputSize + units + units)));
    gatesInput = masks.create(tf, scope + "/gates/input", Shape.of(inputSize, 2L * units), gatesInit);
    gatesRecurrent = masks.create(tf, scope + "/gates/recurrent", Shape.of(units, 2L * units), gatesInit);
    gatesBiases = ScopedNames.variable(tf, scope + "/gates/biases", tf.fill(tf.constant(new long[] {2L * units}), tf.constant(1f)));
    candidateInput = masks.create(tf, scope + "/candidate/input", Shape.of(inputSize, units), candidateInit);
    candidateRecurrent = masks.create(tf, scope + "/candidate/recurrent", Shape.of(units, units), candidateInit);
    candidateBiases = ScopedNames.variable(tf, scope + "/candidate/biases", tf.zeros(tf.constant(new long[] {units}), TFloat32.class));
  }

  /** U(-limit, limit), the Glorot-uniform draw of TF1's concatenated kernel. */
  private static WeightInitializer uniform(double limit) {
    float l = (float) limit;
    return (tf, shape, seed) ->
        tf.math.sub(
            tf.math.mul(tf.random.statelessRandomUniform(tf.constant(shape), seed, TFloat32.class), tf.constant(2 * l)),
            tf.constant(l));
  }

  public int units() {
    return units;
  }

  public List<Variable<TFloat32>> biases() {
    return List.of(gatesBiases, candidateBiases);
  }

  /** One step: x [batch, in], h [batch, U] → h' [batch, U]. */
  public Operand<TFloat32> step(Ops tf, Operand<TFloat32> x, Operand<TFloat32> h) {
    return recur(tf, project(tf, x, gatesInput, gatesBiases), project(tf, x, candidateInput, candidateBiases), h);
  }

  /**
   * Runs {@code seqLen} steps from {@code initialState} over time-major inputs [T * batch, in]
   * (rows of step t at [t * batch, (t + 1) * batch)). The input projections of all steps are one
   * matrix product each; only the recurrent products are per step. Unrolled in the graph because
   * TF Java cannot differentiate a while loop.
   */
  public Unrolled unroll(Ops tf, Operand<TFloat32> inputs, int seqLen, Operand<TFloat32> initialState) {
    List<Operand<TFloat32>> gates = perStep(tf, project(tf, inputs, gatesInput, gatesBiases), seqLen);
    List<Operand<TFloat32>> candidates = perStep(tf, project(tf, inputs, candidateInput, candidateBiases), seqLen);
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    Operand<TFloat32> h = initialState;
    for (int t = 0; t < seqLen; t++) {
      h = recur(tf, gates.get(t), candidates.get(t), h);
      outputs.add(h);
    }
    Operand<TFloat32> all = seqLen == 1 ? outputs.get(0) : tf.concat(outputs, tf.constant(0));
    return new Unrolled(all, h);
  }

  /**
   * {@link #unroll} in the transposed layout, every product as {@code compute} decides (over the
   * kernel's nonzeros, or mask * W): inputs {@code [in, T * batch]} (column t * batch + b is step
   * t of lane b), state {@code [U, batch]}; gives outputs {@code [U, T * batch]} and the last state
   * {@code [U, batch]}. {@code batch} sizes the products for {@code compute}'s routing only.
   */
  public Unrolled unrollTransposed(Ops tf, Operand<TFloat32> inputsT, int seqLen, Operand<TFloat32> initialStateT,
      SparseCompute compute, long batch) {
    List<Operand<TFloat32>> gates =
        perStepColumns(tf, projectTransposed(tf, inputsT, gatesInput, gatesBiases, compute, batch * seqLen), seqLen);
    List<Operand<TFloat32>> candidates =
        perStepColumns(tf, projectTransposed(tf, inputsT, candidateInput, candidateBiases, compute, batch * seqLen), seqLen);
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    Operand<TFloat32> h = initialStateT;
    for (int t = 0; t < seqLen; t++) {
      h = recurTransposed(tf, gates.get(t), candidates.get(t), h, compute, batch);
      outputs.add(h);
    }
    Operand<TFloat32> all = seqLen == 1 ? outputs.get(0) : tf.concat(outputs, tf.constant(1));
    return new Unrolled(all, h);
  }

  private static Operand<TFloat32> projectTransposed(Ops tf, Operand<TFloat32> xT, MaskedWeights kernel,
      Variable<TFloat32> biases, SparseCompute compute, long columns) {
    return tf.math.add(compute.productTransposed(tf, kernel, xT, columns), column(tf, biases, kernel.shape().size(1)));
  }

  /** A bias [n] as a column [n, 1], broadcast over the batch. */
  static Operand<TFloat32> column(Ops tf, Variable<TFloat32> biases, long n) {
    return tf.reshape(tf.identity(biases), tf.constant(new long[] {n, 1}));
  }

  private static List<Operand<TFloat32>> perStepColumns(Ops tf, Operand<TFloat32> timeMajorT, int seqLen) {
    if (seqLen == 1) {
      return List.of(timeMajorT);
    }
    Split<TFloat32> split = tf.split(tf.constant(1), timeMajorT, (long) seqLen);
    return new ArrayList<>(split.output());
  }

  /** {@link #recur} on transposed tensors: r and u are the halves of the gates along axis 0. */
  private Operand<TFloat32> recurTransposed(Ops tf, Operand<TFloat32> inputGatesT, Operand<TFloat32> inputCandidateT,
      Operand<TFloat32> hT, SparseCompute compute, long batch) {
    Operand<TFloat32> gates =
        tf.math.sigmoid(tf.math.add(inputGatesT, compute.productTransposed(tf, gatesRecurrent, hT, batch)));
    List<Output<TFloat32>> ru = tf.split(tf.constant(0), gates, 2L).output();
    Operand<TFloat32> reset = ru.get(0);
    Operand<TFloat32> update = ru.get(1);
    Operand<TFloat32> candidate = tf.math.tanh(tf.math.add(inputCandidateT,
        compute.productTransposed(tf, candidateRecurrent, tf.math.mul(reset, hT), batch)));
    return tf.math.add(tf.math.mul(update, hT), tf.math.mul(tf.math.sub(tf.constant(1f), update), candidate));
  }

  private static Operand<TFloat32> project(Ops tf, Operand<TFloat32> x, MaskedWeights kernel, Variable<TFloat32> biases) {
    return tf.nn.biasAdd(tf.linalg.matMul(x, kernel.maskedWeights()), biases);
  }

  private static List<Operand<TFloat32>> perStep(Ops tf, Operand<TFloat32> timeMajor, int seqLen) {
    if (seqLen == 1) {
      return List.of(timeMajor);
    }
    Split<TFloat32> split = tf.split(tf.constant(0), timeMajor, (long) seqLen);
    return new ArrayList<>(split.output());
  }

  /** The recurrence given this step's input projections (biases included). */
  private Operand<TFloat32> recur(Ops tf, Operand<TFloat32> inputGates, Operand<TFloat32> inputCandidate, Operand<TFloat32> h) {
    Operand<TFloat32> gates = tf.math.sigmoid(tf.math.add(inputGates, tf.linalg.matMul(h, gatesRecurrent.maskedWeights())));
    List<Output<TFloat32>> ru = tf.split(tf.constant(1), gates, 2L).output();
    Operand<TFloat32> reset = ru.get(0);
    Operand<TFloat32> update = ru.get(1);
    Operand<TFloat32> candidate =
        tf.math.tanh(tf.math.add(inputCandidate, tf.linalg.matMul(tf.math.mul(reset, h), candidateRecurrent.maskedWeights())));
    return tf.math.add(tf.math.mul(update, h), tf.math.mul(tf.math.sub(tf.constant(1f), update), candidate));
  }
}
