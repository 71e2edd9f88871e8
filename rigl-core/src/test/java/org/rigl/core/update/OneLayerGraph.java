package org.rigl.core.update;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.mask.WeightInitializer;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.SgdOptimizer;
import org.rigl.core.train.TrainStep;
import org.rigl.core.train.WeightOptimizer;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The reference tests' graph: one masked fully connected layer {@code y = x W} (no bias) trained
 * by plain gradient descent, with a loss the test chooses.
 */
final class OneLayerGraph implements AutoCloseable {
  final Graph graph = new Graph();
  final Ops tf = Ops.create(graph);
  final Session session = new Session(graph);
  final MaskRegistry masks = new MaskRegistry(0);
  final Variable<TInt64> globalStep = GlobalStep.create(tf);
  final MaskedWeights layer;
  final Operand<TFloat32> output;
  TrainStep step;
  WeightOptimizer optimizer;

  interface Loss {
    Operand<TFloat32> of(Ops tf, Operand<TFloat32> y, Variable<TInt64> globalStep);
  }

  OneLayerGraph(int nIn, int nOut, Function<Ops, Operand<TFloat32>> input) {
    layer = masks.create(tf, "fully_connected", Shape.of(nIn, nOut), WeightInitializer.glorotUniform());
    output = tf.linalg.matMul(input.apply(tf), layer.maskedWeights());
  }

  /** x = U[0,1) of shape [1, nIn], fixed by a seed. */
  static OneLayerGraph withUniformInput(int nIn, int nOut) {
    return new OneLayerGraph(
        nIn, nOut, tf -> tf.random.statelessRandomUniform(tf.constant(new long[] {1, nIn}), tf.constant(new long[] {7, 11}), TFloat32.class));
  }

  /** x = ones of shape [1, nIn]. */
  static OneLayerGraph withOnesInput(int nIn, int nOut) {
    return new OneLayerGraph(nIn, nOut, tf -> tf.ones(tf.constant(new long[] {1, nIn}), TFloat32.class));
  }

  /** loss = mean(y). */
  static Operand<TFloat32> meanLoss(Ops tf, Operand<TFloat32> y, Variable<TInt64> gs) {
    return tf.math.mean(y, tf.constant(new int[] {0, 1}));
  }

  void build(float learningRate, Loss loss, Function<WeightOptimizer, DynamicSparseStep> sparse) {
    optimizer = new SgdOptimizer(tf.constant(learningRate));
    step = sparse.apply(optimizer).build(tf, gradients(loss.of(tf, output, globalStep)), masks, globalStep, GradientTransform.identity());
  }

  /**
   * {@link #build} with the step of a dynamic {@code method}: drop fraction {@code drop} annealed by
   * {@code anneal}, grown connections initialised by {@code growInit}.
   */
  void buildDynamic(float learningRate, Loss loss, DynamicMethod method, UpdateSchedule schedule, String anneal,
      double drop, String growInit, long seedOffset) {
    build(learningRate, loss, opt -> new DynamicSparseStep(opt, method, schedule,
        DropFractionSchedule.parse(anneal, drop, schedule), GrowInit.parse(growInit, method instanceof RigLMethod), seedOffset));
  }

  /** The gradients of {@code loss} w.r.t. the layer (no other trainables). */
  Gradients gradients(Operand<TFloat32> loss) {
    return Gradients.compute(graph, loss, masks.layers(), List.of());
  }

  /** Sets about half of the mask to zero, as the reference tests do. */
  void randomHalfMask(long seed) {
    long n = layer.shape().size();
    float[] values = new float[(int) n];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      values[i] = random.nextBoolean() ? 1f : 0f;
    }
    session.run(tf.assign(layer.mask(), tf.constant(layer.shape(), org.tensorflow.ndarray.buffer.DataBuffers.of(values))));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
