package org.rigl.core.train.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.train.GradientAndVariable;
import org.rigl.core.train.Gradients;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The in-graph check sees the trained variables as the step left them, in the step's own run, and every variable before a save. */
class NonFiniteCheckTest {
  @Test
  void namesTheFirstTensorTheStepMadeNonFinite() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> weights = ScopedNames.variable(tf, "layer/weights", tf.constant(new float[] {1f, 2f}));
      Variable<TFloat32> slot = ScopedNames.variable(tf, "layer/weights/Momentum", tf.constant(new float[] {0f, 0f}));
      // Finite, though its sum overflows: the exact check tells it apart.
      Variable<TFloat32> huge = ScopedNames.variable(tf, "layer/huge", tf.constant(new float[] {3e38f, 3e38f}));
      Variable<TInt64> step = ScopedNames.variable(tf, "global_step", tf.constant(0L));
      Placeholder<TFloat32> scale = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> loss = tf.placeholder(TFloat32.class);
      // The step multiplies the weights: a huge scale overflows them to infinity.
      Op update = tf.assign(weights, tf.math.mul(weights, scale));
      Gradients trained = new Gradients(Map.of(), List.of(
          new GradientAndVariable(tf.constant(new float[] {0f, 0f}), weights),
          new GradientAndVariable(tf.constant(new float[] {0f, 0f}), huge)));
      NonFiniteCheck check =
          NonFiniteCheck.afterStep(tf, graph, List.of(update, tf.assignAdd(step, tf.constant(1L))), loss, trained);
      session.initialize();

      assertEquals(Optional.empty(), run(session, check, scale, 1e30f, loss, 0.5f));
      assertEquals(Optional.empty(), check.firstNonFiniteVariable(session));
      // The weights were finite before this step: only a check that runs after the update sees them overflow.
      assertEquals(Optional.of("layer/weights"), run(session, check, scale, 1e30f, loss, 0.5f));
      assertEquals(Optional.of("loss"), run(session, check, scale, 1f, loss, Float.NaN));

      // Before a save every float variable is checked, untrained ones too.
      session.run(tf.assign(weights, tf.constant(new float[] {1f, 2f})));
      assertEquals(Optional.empty(), check.firstNonFiniteVariable(session));
      session.run(tf.assign(slot, tf.constant(new float[] {0f, Float.NaN})));
      assertEquals(Optional.of("layer/weights/Momentum"), check.firstNonFiniteVariable(session));
    }
  }

  private static Optional<String> run(Session session, NonFiniteCheck check, Placeholder<TFloat32> scale, float s,
      Placeholder<TFloat32> loss, float l) {
    try (TFloat32 st = TFloat32.scalarOf(s); TFloat32 lt = TFloat32.scalarOf(l);
        Result r = session.runner().feed(scale, st).feed(loss, lt).fetch(check.tensor()).run()) {
      return check.firstNonFinite(r.get(0), session);
    }
  }
}
