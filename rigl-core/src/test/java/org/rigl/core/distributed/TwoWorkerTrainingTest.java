package org.rigl.core.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rigl.core.TensorValues.floats;
import static org.rigl.core.TensorValues.int64;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.mask.WeightInitializer;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.SgdOptimizer;
import org.rigl.core.train.TrainStep;
import org.rigl.core.update.DropFractionSchedule;
import org.rigl.core.update.DynamicSparseStep;
import org.rigl.core.update.GrowInit;
import org.rigl.core.update.RigLMethod;
import org.rigl.core.update.UpdateSchedule;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Two workers over TensorFlow's gRPC runtime on loopback, the second in its own JVM: in-graph
 * replication places one tower on each task and the variables on task 0, so there is one copy of
 * the masks and weights. The run must end with exactly the masks, and the weights up to float
 * rounding, of the same RigL training in one local tower, and both tasks must have executed ops.
 */
class TwoWorkerTrainingTest {
  private static final int BATCH = 6;
  private static final int N_IN = 4;
  private static final int N_OUT = 5;
  private static final int STEPS = 6;

  /** RigL on y = x (mask*W) + b with one tower per device ({@code null}: no device scope). */
  private static final class Model {
    final Ops tf;
    final MaskRegistry masks = new MaskRegistry(0);
    final Variable<TInt64> globalStep;
    final MaskedWeights layer;
    final Variable<TFloat32> bias;
    final TrainStep step;
    final List<Operand<TFloat32>> initialValues = new ArrayList<>();

    Model(Graph graph, DeviceSpec variableDevice, List<DeviceSpec> towers) {
      Ops root = Ops.create(graph);
      tf = variableDevice == null ? root : root.withDevice(variableDevice);
      globalStep = GlobalStep.create(tf);
      layer = masks.create(tf, "fully_connected", Shape.of(N_IN, N_OUT), WeightInitializer.zeros());
      bias = tf.withName("bias").variable(tf.zeros(tf.constant(new long[] {N_OUT}), TFloat32.class));
      Operand<TFloat32> inputs = constant(tf, values(BATCH * N_IN, 0.7, 0.3), BATCH, N_IN);
      Operand<TFloat32> targets = constant(tf, values(BATCH * N_OUT, 1.3, 0.0), BATCH, N_OUT);
      int n = towers.size();
      var inputShards = tf.split(tf.constant(0), inputs, (long) n).output();
      var targetShards = tf.split(tf.constant(0), targets, (long) n).output();
      List<Gradients> perTower = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Ops t = towers.get(i) == null ? root : root.withSubScope("tower_" + i).withDevice(towers.get(i));
        Operand<TFloat32> y = t.math.add(t.linalg.matMul(inputShards.get(i), layer.maskedWeights()), bias);
        Operand<TFloat32> err = t.math.sub(y, targetShards.get(i));
        Operand<TFloat32> loss = t.math.mul(
            t.reduceSum(t.math.square(err), t.constant(new int[] {0, 1})), t.constant((float) n / BATCH));
        perTower.add(Gradients.compute(t, loss, masks.layers(), List.of(bias)));
      }
      UpdateSchedule schedule = new UpdateSchedule(1, 7, 2);
      step = new DynamicSparseStep(
              new SgdOptimizer(tf.constant(0.1f)), new RigLMethod(0f), schedule,
              DropFractionSchedule.parse("constant", 0.5, schedule), GrowInit.parse("zeros", true), 0)
          .build(tf, Gradients.average(tf, perTower), masks, globalStep, GradientTransform.identity());
    }

    /** Fixed starting weights and a mask with every third connection off. */
    void start(Session session) {
      session.run(tf.assign(layer.weights(), constant(tf, values(N_IN * N_OUT, 2.1, 1.0), N_IN, N_OUT)));
      float[] mask = new float[N_IN * N_OUT];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = i % 3 == 0 ? 0f : 1f;
      }
      session.run(tf.assign(layer.mask(), constant(tf, mask, N_IN, N_OUT)));
    }
  }

  private static Operand<TFloat32> constant(Ops tf, float[] values, int rows, int cols) {
    return tf.constant(Shape.of(rows, cols), DataBuffers.of(values));
  }

  private static float[] values(int n, double frequency, double phase) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) Math.sin(frequency * i + phase);
    }
    return v;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static DeviceSpec task(int index) {
    return DeviceSpec.newBuilder().job(WorkerCluster.JOB).task(index).build();
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void twoWorkerProcessesTrainLikeOneLocalTower(@TempDir Path dir) throws Exception {
    // The local reference: one tower, in-process.
    float[] localWeights;
    float[] localMask;
    float[] localBias;
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Model local = new Model(graph, null, java.util.Arrays.asList((DeviceSpec) null));
      local.start(session);
      for (int i = 0; i < STEPS; i++) {
        session.run(local.step.trainOp());
      }
      localWeights = floats(session, local.layer.weights());
      localMask = floats(session, local.layer.mask());
      localBias = floats(session, local.bias);
      assertEquals(4, int64(session, local.globalStep), "RigL's 2 update iterations of the 6 do not count");
    }

    List<String> hosts = List.of("127.0.0.1:" + freePort(), "127.0.0.1:" + freePort());
    WorkerCluster cluster = new WorkerCluster(hosts);
    Path workerLog = dir.resolve("worker1.log");
    Process worker = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            WorkerMain.class.getName(), String.join(",", hosts), "1", "150")
        .redirectErrorStream(true).redirectOutput(workerLog.toFile()).start();
    try {
      // Task 0 serves in this JVM (the server lives until the JVM exits: no clean shutdown).
      cluster.server(0);
      try (Graph graph = new Graph();
          Session session = cluster.session(graph, 0, ConfigProto.newBuilder().setAllowSoftPlacement(false).build())) {
        Model distributed = new Model(graph, task(0), List.of(task(0), task(1)));
        session.initialize();
        distributed.start(session);
        Set<String> devices = new TreeSet<>();
        for (int i = 0; i < STEPS; i++) {
          try (Result r = session.runner().addTarget(distributed.step.trainOp())
              .setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build())
              .runAndFetchMetadata()) {
            r.getMetadata().orElseThrow().getStepStats().getDevStatsList().forEach(d -> devices.add(d.getDevice()));
          }
        }
        assertTrue(devices.stream().anyMatch(d -> d.startsWith("/job:worker/replica:0/task:0/")), devices.toString());
        assertTrue(devices.stream().anyMatch(d -> d.startsWith("/job:worker/replica:0/task:1/")), devices.toString());
        assertEquals(4, int64(session, distributed.globalStep));
        assertArrayEquals(localMask, floats(session, distributed.layer.mask()), "masks");
        assertArrayEquals(localWeights, floats(session, distributed.layer.weights()), 1e-5f, "weights");
        assertArrayEquals(localBias, floats(session, distributed.bias), 1e-5f, "bias");
      }
      assertTrue(worker.isAlive(), "worker 1 still serving: " + Files.readString(workerLog));
    } finally {
      worker.destroyForcibly();
      worker.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
