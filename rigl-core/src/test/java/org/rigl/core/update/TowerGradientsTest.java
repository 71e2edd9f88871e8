package org.rigl.core.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rigl.core.TensorValues.floats;
import static org.rigl.core.TensorValues.int64;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.mask.WeightInitializer;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.SgdOptimizer;
import org.rigl.core.train.TowerDevices;
import org.rigl.core.train.TrainStep;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Data-parallel towers: the mean of the towers' gradients of per-shard mean losses is the
 * single-tower gradient of the whole batch, so RigL with two towers on two CPU devices takes the
 * same weight steps and makes the same mask updates as one tower.
 */
@Tag("fast")
class TowerGradientsTest {
  private static final int BATCH = 6;
  private static final int N_IN = 4;
  private static final int N_OUT = 5;

  /** One masked layer and a bias, y = x (mask*W) + b, loss = mean over the batch of sum((y - t)^2). */
  private static final class Model implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    final Session session;
    final MaskRegistry masks = new MaskRegistry(0);
    final Variable<TInt64> globalStep = GlobalStep.create(tf);
    final MaskedWeights layer = masks.create(tf, "fully_connected", Shape.of(N_IN, N_OUT), WeightInitializer.zeros());
    final Variable<TFloat32> bias = tf.withName("bias").variable(tf.zeros(tf.constant(new long[] {N_OUT}), TFloat32.class));
    final Gradients gradients;
    final TrainStep step;

    Model(int towers) {
      session = towers == 1 ? new Session(graph) : new Session(graph, TowerDevices.sessionConfig(towers, 0));
      Operand<TFloat32> inputs = constant(tf, inputs(), BATCH, N_IN);
      Operand<TFloat32> targets = constant(tf, targets(), BATCH, N_OUT);
      List<Gradients> perTower = new ArrayList<>();
      List<DeviceSpec> devices = TowerDevices.place(towers, 0);
      var inputShards = tf.split(tf.constant(0), inputs, (long) towers).output();
      var targetShards = tf.split(tf.constant(0), targets, (long) towers).output();
      for (int i = 0; i < towers; i++) {
        Ops t = towers == 1 ? tf : tf.withSubScope("tower_" + i).withDevice(devices.get(i));
        Operand<TFloat32> y = t.math.add(t.linalg.matMul(inputShards.get(i), layer.maskedWeights()), bias);
        Operand<TFloat32> err = t.math.sub(y, targetShards.get(i));
        Operand<TFloat32> loss = t.math.mul(
            t.reduceSum(t.math.square(err), t.constant(new int[] {0, 1})), t.constant((float) towers / BATCH));
        perTower.add(Gradients.compute(t, loss, masks.layers(), List.of(bias)));
      }
      gradients = Gradients.average(tf, perTower);
      UpdateSchedule schedule = new UpdateSchedule(1, 7, 2);
      step = new DynamicSparseStep(
              new SgdOptimizer(tf.constant(0.1f)), new RigLMethod(0f), schedule,
              DropFractionSchedule.parse("constant", 0.5, schedule), GrowInit.parse("zeros", true), 0)
          .build(tf, gradients, masks, globalStep, GradientTransform.identity());
      session.run(tf.assign(layer.weights(), constant(tf, weights(), N_IN, N_OUT)));
      float[] mask = new float[N_IN * N_OUT];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = i % 3 == 0 ? 0f : 1f;
      }
      session.run(tf.assign(layer.mask(), constant(tf, mask, N_IN, N_OUT)));
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  private static Operand<TFloat32> constant(Ops tf, float[] values, int rows, int cols) {
    return tf.constant(Shape.of(rows, cols), DataBuffers.of(values));
  }

  private static float[] inputs() {
    float[] x = new float[BATCH * N_IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(0.7 * i + 0.3);
    }
    return x;
  }

  private static float[] targets() {
    float[] t = new float[BATCH * N_OUT];
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) Math.cos(1.3 * i);
    }
    return t;
  }

  private static float[] weights() {
    float[] w = new float[N_IN * N_OUT];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.sin(2.1 * i + 1) * 0.5f;
    }
    return w;
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5f, what + "[" + i + "]");
    }
  }

  @Test
  void averagedGradientsOfTwoShardsEqualTheWholeBatchGradients() {
    try (Model one = new Model(1); Model two = new Model(2)) {
      String name = one.layer.weightsName();
      assertClose(floats(one.session, one.gradients.maskedWeightGradients().get(name)),
          floats(two.session, two.gradients.maskedWeightGradients().get(name)), "dL/d(mask*W)");
      for (int v = 0; v < 2; v++) {
        assertClose(floats(one.session, one.gradients.variableGradients().get(v).gradient()),
            floats(two.session, two.gradients.variableGradients().get(v).gradient()), "variable gradient " + v);
      }
      // Non-trivial: the gradients are not all zero.
      float[] g = floats(one.session, one.gradients.variableGradients().get(1).gradient());
      assertTrue(Math.abs(g[0]) + Math.abs(g[1]) > 1e-3, "bias gradient " + g[0]);
    }
  }

  @Test
  void rigLWithTwoTowersStepsAndUpdatesMasksAsOneTower() {
    try (Model one = new Model(1); Model two = new Model(2)) {
      boolean masksChanged = false;
      float[] initialMask = floats(one.session, one.layer.mask());
      for (int i = 0; i < 6; i++) {
        one.session.run(one.step.trainOp());
        two.session.run(two.step.trainOp());
        assertEquals(int64(one.session, one.globalStep), int64(two.session, two.globalStep));
        float[] mask = floats(one.session, one.layer.mask());
        assertArrayEquals(mask, floats(two.session, two.layer.mask()), "mask after iteration " + i);
        assertClose(floats(one.session, one.layer.weights()), floats(two.session, two.layer.weights()), "weights " + i);
        assertClose(floats(one.session, one.bias), floats(two.session, two.bias), "bias " + i);
        masksChanged |= !java.util.Arrays.equals(initialMask, mask);
      }
      assertTrue(masksChanged, "RigL moved some connections");
    }
  }

  @Test
  void towerOpsAreRequestedOnBothCpuDevices() {
    try (Model two = new Model(2)) {
      java.util.Set<String> devices = new java.util.TreeSet<>();
      two.graph.operations().forEachRemaining(op -> {
        String device = ((GraphOperation) op).device();
        if (op.name().startsWith("tower_")) {
          devices.add(device);
        }
      });
      assertEquals(java.util.Set.of("/device:CPU:0", "/device:CPU:1"), devices);
      // Without soft placement a missing /device:CPU:1 would fail the run instead of moving the ops.
      try (Session strict = new Session(two.graph,
          TowerDevices.sessionConfig(2, 0).toBuilder().setAllowSoftPlacement(false).build())) {
        strict.run(two.step.trainOp());
        assertEquals(1, int64(strict, two.globalStep));
      }
    }
  }

  @Test
  void eachTowersBackwardPassRunsOnItsOwnDevice() {
    try (Model two = new Model(2)) {
      java.util.Map<String, java.util.Set<String>> requested = new java.util.TreeMap<>();
      two.graph.operations().forEachRemaining(op -> {
        if (op.name().matches("tower_\\d/gradients/.*")) {
          requested.computeIfAbsent(op.name().substring(0, 7), k -> new java.util.TreeSet<>())
              .add(((GraphOperation) op).device());
        }
      });
      assertEquals(java.util.Map.of("tower_0", java.util.Set.of("/device:CPU:0"),
          "tower_1", java.util.Set.of("/device:CPU:1")), requested, "backward ops' requested devices");
      // And where they executed: the placer keeps the request (soft placement would only move an
      // op without a kernel there).
      java.util.Map<String, java.util.Set<String>> executed = new java.util.TreeMap<>();
      try (org.tensorflow.Result r = two.session.runner().addTarget(two.step.trainOp())
          .setOptions(org.tensorflow.proto.RunOptions.newBuilder()
              .setTraceLevel(org.tensorflow.proto.RunOptions.TraceLevel.FULL_TRACE).build())
          .runAndFetchMetadata()) {
        r.getMetadata().orElseThrow().getStepStats().getDevStatsList().forEach(d -> d.getNodeStatsList().forEach(n -> {
          if (n.getNodeName().matches("tower_\\d/gradients/.*")) {
            executed.computeIfAbsent(n.getNodeName().substring(0, 7), k -> new java.util.TreeSet<>())
                .add(d.getDevice().substring(d.getDevice().lastIndexOf("/device:")));
          }
        }));
      }
      assertEquals(java.util.Map.of("tower_0", java.util.Set.of("/device:CPU:0"),
          "tower_1", java.util.Set.of("/device:CPU:1")), executed, "backward ops' executing devices");
    }
  }
}
