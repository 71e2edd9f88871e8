package org.rigl.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rigl.core.TensorValues.floats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.TensorValues;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The TF1-style optimizers: update rules and TF1 slot names. */
@Tag("fast")
class OptimizersTest {

  @Test
  void nesterovMomentumMatchesTheTf1Rule() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = ScopedNames.variable(tf, "layer/weights", tf.constant(new float[] {1f, -2f}));
      MomentumOptimizer opt = new MomentumOptimizer(tf.constant(0.1f), 0.9f, true);
      var step = tf.withControlDependencies(opt.applyGradients(tf, List.of(new GradientAndVariable(tf.constant(new float[] {0.5f, 1f}), w)))).noOp();
      s.run(step);
      s.run(step);
      // accum = m*accum + g; w -= lr*g + lr*m*accum  (TF ApplyMomentum, use_nesterov=True).
      double accum = 0;
      double expected = 1;
      for (int i = 0; i < 2; i++) {
        accum = 0.9 * accum + 0.5;
        expected -= 0.1 * 0.5 + 0.1 * 0.9 * accum;
      }
      assertEquals(expected, floats(s, w)[0], 1e-6);
      assertEquals("layer/weights/Momentum", opt.slots(w).get("momentum").op().name());
    }
  }

  /**
   * A step of plain dense layers moves every weight by its gradient at the weights before the step:
   * no update may change a kernel that a later layer's backward pass still reads (it did, and the
   * MNIST baseline diverged).
   */
  @Test
  void everyUpdateUsesTheGradientsOfTheWeightsBeforeTheStep() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      SplittableRandom random = new SplittableRandom(3);
      long[][] shapes = {{784, 300}, {300, 100}, {100, 10}};
      List<Variable<TFloat32>> kernels = new ArrayList<>();
      Operand<TFloat32> x = tf.constant(matrix(random, 200, 784, 1f));
      for (int l = 0; l < shapes.length; l++) {
        Variable<TFloat32> k = ScopedNames.variable(tf, "layer" + l + "/kernel",
            tf.constant(matrix(random, (int) shapes[l][0], (int) shapes[l][1], 0.1f)));
        kernels.add(k);
        x = tf.linalg.matMul(x, tf.identity(k));
        x = l < shapes.length - 1 ? tf.nn.relu(x) : x;
      }
      Operand<TFloat32> loss = tf.math.mean(tf.math.square(x), tf.constant(new int[] {0, 1}));
      Gradients gradients = Gradients.compute(g, loss, List.of(), kernels);
      MomentumOptimizer opt = new MomentumOptimizer(tf.constant(0.5f), 0.9f, true);
      var step = tf.withControlDependencies(opt.applyGradients(tf, gradients.variableGradients())).noOp();
      for (int i = 0; i < 3; i++) {
        List<float[]> before = new ArrayList<>();
        List<float[]> grads = new ArrayList<>();
        List<float[]> accums = new ArrayList<>();
        for (GradientAndVariable gv : gradients.variableGradients()) {
          before.add(floats(s, gv.variable()));
          grads.add(floats(s, gv.gradient()));
          accums.add(floats(s, opt.slots(gv.variable()).get("momentum")));
        }
        s.run(step);
        for (int l = 0; l < kernels.size(); l++) {
          float[] after = floats(s, kernels.get(l));
          for (int j = 0; j < after.length; j += 97) {
            double accum = 0.9 * accums.get(l)[j] + grads.get(l)[j];
            double expected = before.get(l)[j] - 0.5 * grads.get(l)[j] - 0.5 * 0.9 * accum;
            assertEquals(expected, after[j], 1e-5 + 1e-4 * Math.abs(expected), "step " + i + " layer " + l + " [" + j + "]");
          }
        }
      }
    }
  }

  private static float[][] matrix(SplittableRandom random, int rows, int cols, float scale) {
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = scale * (float) (2 * random.nextDouble() - 1);
      }
    }
    return m;
  }

  @Test
  void adamNamesSlotsAndBetaPowersAsTf1() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = ScopedNames.variable(tf, "a/b/weights", tf.constant(new float[] {1f}));
      AdamOptimizer opt = new AdamOptimizer(tf.constant(0.001f));
      var step = tf.withControlDependencies(opt.applyGradients(tf, List.of(new GradientAndVariable(tf.constant(new float[] {1f}), w)))).noOp();
      s.run(step);
      List<String> names = new ArrayList<>();
      opt.variables().forEach(v -> names.add(v.op().name()));
      assertEquals(List.of("a/b/weights/Adam", "a/b/weights/Adam_1", "beta1_power", "beta2_power"), names);
      // First Adam step moves by lr (bias-corrected m/sqrt(v) = 1).
      assertEquals(1f - 0.001f, floats(s, w)[0], 1e-6);
      assertEquals(0.81f, TensorValues.scalar(s, (Variable<TFloat32>) opt.variables().get(2)), 1e-7);
    }
  }
}
