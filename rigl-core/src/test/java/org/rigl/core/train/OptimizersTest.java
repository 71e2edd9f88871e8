package org.rigl.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rigl.core.TensorValues.floats;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.TensorValues;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The TF1-style optimizers: update rules and TF1 slot names. */
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
