package org.rigl.imagenet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.io.TensorEntry;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** train-image with two data-parallel towers on two CPU devices, on the fake_imagenet shards. */
class TowersTrainingTest {
  /** The fixture run with two towers and a mask update every 10 steps. */
  private static ImageNetSettings flags(Path out) {
    return flags(out, f -> { });
  }

  private static ImageNetSettings flags(Path out, Consumer<ImageNetSettings> change) {
    return FakeImageNet.flags(out, f -> {
      FakeImageNet.sparse(f, s -> s.maskUpdates(0, 100, 10));
      f.numTowers = 2;
      change.accept(f);
    });
  }

  @Test
  void rigLWithTwoTowersTrainsAndKeepsExactMaskCounts(@TempDir Path out) throws IOException {
    new ImageClassifierRun(new ImageNetTask(ImageNetSetup.of(flags(out, f -> {
      f.mode = "train";
      f.trainSteps = 40;
    }))), new PrintStream(new ByteArrayOutputStream())).run();
    FakeImageNet.assertExactMaskCounts(flags(out), out.resolve("model.ckpt-40"));
    try (BundleDataReader data = BundleDataReader.open(out.resolve("model.ckpt-40"))) {
      for (TensorEntry e : data.index().entries()) {
        // One copy of every variable: the towers share the network's.
        assertTrue(!e.name().startsWith("tower_"), e.name());
      }
      assertEquals(40L, data.readLong("global_step"));
      assertTrue(data.readLong("last_mask_update_step") >= 10, "RigL updated the masks");
    }
  }

  @Test
  void eachTowerIsPlacedOnItsOwnCpuDevice(@TempDir Path out) {
    try (TrainGraph g = new TrainGraph(new ImageNetTask(ImageNetSetup.of(flags(out))))) {
      Set<String> tower0 = new TreeSet<>();
      Set<String> tower1 = new TreeSet<>();
      g.graph.operations().forEachRemaining(op -> {
        String device = ((GraphOperation) op).device();
        if (op.name().startsWith("tower_0/")) {
          tower0.add(device);
        } else if (op.name().startsWith("tower_1/")) {
          tower1.add(device);
        }
      });
      assertEquals(Set.of("/device:CPU:0"), tower0);
      assertEquals(Set.of("/device:CPU:1"), tower1);
    }
  }

  /** A batch of 32 made of the same 16 images twice, so both towers' shards are identical. */
  private static Map<String, Tensor> duplicatedBatch() {
    int half = 16;
    int pixels = 64 * 64 * 3;
    float[] images = new float[2 * half * pixels];
    int[] labels = new int[2 * half];
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    for (int i = 0; i < half * pixels; i++) {
      images[i] = (float) random.nextDouble(-1, 1);
      images[i + half * pixels] = images[i];
    }
    for (int i = 0; i < half; i++) {
      labels[i] = random.nextInt(10);
      labels[i + half] = labels[i];
    }
    return Map.of(
        "images", TFloat32.tensorOf(Shape.of(2 * half, 64, 64, 3), DataBuffers.of(images)),
        "labels", TInt32.tensorOf(Shape.of(2 * half), DataBuffers.of(labels)));
  }

  private static Session.Runner fed(TrainGraph g, Map<String, Tensor> batch) {
    return g.session.runner()
        .feed(g.input.images(), (TFloat32) batch.get("images"))
        .feed(g.input.labels(), (TInt32) batch.get("labels"));
  }

  private static float[] fetchFloats(Session.Runner runner, org.tensorflow.Operand<TFloat32> x) {
    return fetchAll(runner, java.util.List.of(x)).get(0);
  }

  /** All of {@code xs} in one run (each distinct fetch set costs a new executor). */
  private static java.util.List<float[]> fetchAll(Session.Runner runner, java.util.List<org.tensorflow.Operand<TFloat32>> xs) {
    xs.forEach(runner::fetch);
    java.util.List<float[]> out = new java.util.ArrayList<>();
    try (Result r = runner.run()) {
      for (int i = 0; i < xs.size(); i++) {
        TFloat32 t = (TFloat32) r.get(i);
        float[] values = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(values, false, false));
        out.add(values);
      }
    }
    return out;
  }

  private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what);
    double scale = 0;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance * Math.max(scale, 1e-3), what + "[" + i + "]");
    }
  }

  @Test
  void identicalShardsGiveTheSingleTowerGradientsAndStep(@TempDir Path out) throws IOException {
    Map<String, Tensor> batch = duplicatedBatch();
    try (TrainGraph one = new TrainGraph(new ImageNetTask(ImageNetSetup.of(flags(out.resolve("one"), f -> f.numTowers = 1))));
        TrainGraph two = new TrainGraph(new ImageNetTask(ImageNetSetup.of(flags(out.resolve("two")))))) {
      // Same starting point: the single tower's initial masks and values, copied through a checkpoint.
      one.sparse.maskInit(one.tf, one.masks).ifPresent(one.session::run);
      String prefix = out.resolve("start").toString();
      one.saver.save(one.session, prefix);
      two.saver.restore(two.session, prefix, two.saver.variables().keySet());

      var oneGrads = stepGradients(one);
      var twoGrads = stepGradients(two);
      assertEquals(oneGrads.size(), twoGrads.size());
      var oneValues = fetchAll(fed(one, batch), oneGrads);
      var twoValues = fetchAll(fed(two, batch), twoGrads);
      for (int v = 0; v < oneGrads.size(); v++) {
        assertClose(oneValues.get(v), twoValues.get(v), 1e-4, "gradient of " + one.step.gradients().variableGradients().get(v).variable().op().name());
      }
      float[] lossOne = fetchFloats(fed(one, batch), one.loss);
      float[] lossTwo = fetchFloats(fed(two, batch), two.loss);
      assertClose(lossOne, lossTwo, 1e-5, "loss");

      // Iteration 1 is a RigL mask update (global step stays 0), iteration 2 a weight step; after
      // each, the two graphs hold the same masks and weights.
      for (long expectedStep = 0; expectedStep <= 1; expectedStep++) {
        Session.Runner stepOne = fed(one, batch);
        one.targets.forEach(stepOne::addTarget);
        stepOne.run();
        Session.Runner stepTwo = fed(two, batch);
        two.targets.forEach(stepTwo::addTarget);
        stepTwo.run();
        assertEquals(expectedStep, globalStep(one), "global step");
        assertEquals(expectedStep, globalStep(two), "global step");
        var layersOne = one.masks.layers();
        var layersTwo = two.masks.layers();
        var afterOne = fetchAll(one.session.runner(), layersOne.stream().map(w -> (org.tensorflow.Operand<TFloat32>) w.weights()).toList());
        var afterTwo = fetchAll(two.session.runner(), layersTwo.stream().map(w -> (org.tensorflow.Operand<TFloat32>) w.weights()).toList());
        var masksOne = fetchAll(one.session.runner(), layersOne.stream().map(w -> (org.tensorflow.Operand<TFloat32>) w.mask()).toList());
        var masksTwo = fetchAll(two.session.runner(), layersTwo.stream().map(w -> (org.tensorflow.Operand<TFloat32>) w.mask()).toList());
        for (int l = 0; l < layersOne.size(); l++) {
          assertClose(afterOne.get(l), afterTwo.get(l), 1e-4, layersOne.get(l).weightsName() + " at step " + expectedStep);
          assertArrayEquals(masksOne.get(l), masksTwo.get(l), layersOne.get(l).weightsName() + " mask at step " + expectedStep);
        }
      }
    } finally {
      batch.values().forEach(Tensor::close);
    }
  }

  private static long globalStep(TrainGraph graph) {
    try (Result r = graph.session.runner().fetch(graph.globalStep).run()) {
      return ((org.tensorflow.types.TInt64) r.get(0)).getLong();
    }
  }

  private static java.util.List<org.tensorflow.Operand<TFloat32>> stepGradients(TrainGraph g) {
    return g.step.gradients().variableGradients().stream().map(gv -> gv.gradient()).toList();
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Two worker tasks on loopback, task 1 a separate JVM: the chief's graph puts one tower on each
   * task (one copy of the variables, on task 0) and trains RigL with exact mask counts.
   */
  @Test
  @org.junit.jupiter.api.Timeout(value = 300, unit = java.util.concurrent.TimeUnit.SECONDS)
  void rigLTrainsOverTwoWorkerProcesses(@TempDir Path out) throws Exception {
    String hosts = "127.0.0.1:" + freePort() + ",127.0.0.1:" + freePort();
    Path workerLog = out.resolve("worker1.log");
    Process worker = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            org.rigl.core.distributed.WorkerMain.class.getName(), hosts, "1", "280")
        .redirectErrorStream(true).redirectOutput(workerLog.toFile()).start();
    try {
      Path train = out.resolve("train");
      ImageNetSettings f = flags(train, s -> {
        s.mode = "train";
        s.trainSteps = 20;
        s.workerHosts = hosts;
        s.taskIndex = 0;
      });
      try (TrainGraph g = new TrainGraph(new ImageNetTask(ImageNetSetup.of(f)))) {
        Set<String> tower1 = new TreeSet<>();
        g.graph.operations().forEachRemaining(op -> {
          if (op.name().startsWith("tower_1/")) {
            tower1.add(((GraphOperation) op).device());
          }
        });
        assertEquals(Set.of("/job:worker/task:1"), tower1);
      }
      new ImageClassifierRun(new ImageNetTask(ImageNetSetup.of(f)), new PrintStream(new ByteArrayOutputStream())).run();
      assertTrue(worker.isAlive(), "worker 1 still serving: " + java.nio.file.Files.readString(workerLog));
      FakeImageNet.assertExactMaskCounts(flags(train), train.resolve("model.ckpt-20"));
      try (BundleDataReader data = BundleDataReader.open(train.resolve("model.ckpt-20"))) {
        assertEquals(20L, data.readLong("global_step"));
        assertTrue(data.readLong("last_mask_update_step") >= 10, "RigL updated the masks");
      }
    } finally {
      worker.destroyForcibly();
      worker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void aBatchThatDoesNotSplitEvenlyIsRejected(@TempDir Path out) {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new TrainGraph(new ImageNetTask(ImageNetSetup.of(flags(out, f -> f.numTowers = 3)))));
    assertTrue(e.getMessage().contains("32") && e.getMessage().contains("3 towers"), e.getMessage());
  }
}
