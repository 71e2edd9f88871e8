package org.rigl.imagenet.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rigl.core.io.BundleIndexReader;
import org.rigl.core.sparse.NonzeroIndices;
import org.rigl.core.sparse.ComputeOptions;
import org.rigl.core.sparse.SparseComputeMode;
import org.rigl.core.update.SparseTrainingConfig;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * A seeded RigL run of the MLP over its nonzeros agrees with the same run on masked layers: the
 * active weights to float32 rounding of a different summation order before the first mask update,
 * and the first updates choose the same masks up to near-ties.
 */
class SparseComputeEquivalenceTest {
  private static final List<String> LAYERS = List.of("layer1", "layer2", "layer3");
  private static final long UPDATE_EVERY = 6;

  @TempDir Path dir;

  private MnistFlags flags(String method, String optimizer, SparseComputeMode mode, String name) {
    return flags(method, optimizer, mode, name, false);
  }

  private MnistFlags flags(String method, String optimizer, SparseComputeMode mode, String name, boolean save) {
    MnistFlags r = MnistFlags.reference(method, dir.resolve(name));
    SparseTrainingConfig sparse = r.sparse().toBuilder().maskUpdates(UPDATE_EVERY, 50000, UPDATE_EVERY).build();
    // Adam at the script's SGD rate (0.2) turns rounding-level gradient differences into whole steps.
    double learningRate = optimizer.equals("adam") ? 1e-3 : r.learningRate();
    return new MnistFlags(20, learningRate, r.momentum(), r.useNesterov(), 2, r.lrDropEpoch(), optimizer,
        r.l2Scale(), r.sparsityScale(), sparse, 0, 0, dir.resolve(name), save, false, "", 0,
        new ComputeOptions(mode, 1));
  }

  private static float[] read(MnistSession session, String name) {
    try (Result r = session.session().runner().fetch(name).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] values = new float[Math.toIntExact(t.shape().size())];
      t.asRawTensor().data().asFloats().read(values);
      return values;
    }
  }

  /** sparse: every layer over its nonzeros; auto: layer1 (0.98) only, the others masked in the same graph. */
  @ParameterizedTest
  @CsvSource({"sparse", "auto"})
  void rigLOverNonzerosMatchesMaskedLayers(String mode) throws IOException {
    assertAgree("rigl", "momentum", SparseComputeMode.parse(mode));
  }

  @Test
  void setWithAdamOverNonzerosMatchesMaskedLayers() throws IOException {
    assertAgree("set", "adam", SparseComputeMode.SPARSE);
  }

  /** SNFS's moving average reads the dense gradient every step: formed from the layers' output gradients. */
  @Test
  void snfsOverNonzerosMatchesMaskedLayers() throws IOException {
    assertAgree("momentum", "momentum", SparseComputeMode.SPARSE);
  }

  @Test
  void staticWithSgdOverNonzerosMatchesMaskedLayers() throws IOException {
    assertAgree("static", "sgd", SparseComputeMode.SPARSE);
  }

  private void assertAgree(String method, String optimizer, SparseComputeMode mode) throws IOException {
    IdxDataset train = BandImages.bands(200, 1);
    try (MnistSession masked = new MnistSession(flags(method, optimizer, SparseComputeMode.MASKED, "masked"), train, 10);
        MnistSession sparse = new MnistSession(flags(method, optimizer, mode, "sparse"), train, 10)) {
      Map<String, float[]> initial = new HashMap<>();
      for (String layer : LAYERS) {
        initial.put(layer, read(masked, layer + "/mask"));
        assertArrayEquals(initial.get(layer), read(sparse, layer + "/mask"), layer + " initial mask");
      }
      // Steps before the first update: the weight steps alone.
      for (int i = 0; i < UPDATE_EVERY - 1; i++) {
        float lossMasked = masked.step(false).loss();
        float lossSparse = sparse.step(false).loss();
        assertEquals(lossMasked, lossSparse, 1e-5 * Math.abs(lossMasked), "cross-entropy at step " + (i + 1));
      }
      for (String layer : LAYERS) {
        float[] mask = read(masked, layer + "/mask");
        float[] a = read(masked, layer + "/weights");
        float[] b = read(sparse, layer + "/weights");
        float largest = 0;
        float worst = 0;
        for (int i = 0; i < mask.length; i++) {
          if (mask[i] != 0) {
            largest = Math.max(largest, Math.abs(a[i]));
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
          }
        }
        assertTrue(worst <= 1e-5f * largest, layer + ": active weights differ by " + worst + " (largest " + largest + ")");
        float[] biasA = read(masked, layer + "/biases");
        float[] biasB = read(sparse, layer + "/biases");
        for (int i = 0; i < biasA.length; i++) {
          assertEquals(biasA[i], biasB[i], 1e-5f * Math.max(1e-3f, Math.abs(biasA[i])), layer + " bias " + i);
        }
      }
      // The update iterations (and one weight step after).
      for (int i = 0; i < 2; i++) {
        masked.step(false);
        sparse.step(false);
      }
      long positions = 0;
      long differing = 0;
      boolean changed = false;
      for (String layer : LAYERS) {
        float[] a = read(masked, layer + "/mask");
        float[] b = read(sparse, layer + "/mask");
        positions += a.length;
        for (int i = 0; i < a.length; i++) {
          differing += a[i] != b[i] ? 1 : 0;
        }
        changed |= !Arrays.equals(a, initial.get(layer));
      }
      // Static drops and grows back the same connections (re-initialising them): its masks stay.
      assertEquals(!method.equals("static"), changed, "the first mask update changed the masks");
      assertTrue(differing <= positions / 10_000, differing + " of " + positions + " mask positions differ");
    }
  }

  /**
   * Over a longer RigL run on real Fashion-MNIST (the bundled subset: 600 steps, six mask updates) the
   * two modes end within noise of each other. Their trajectories part after the first updates' near-ties
   * (summation order differs), so the bound is the test set's own noise: accuracy near 0.8 on the
   * subset's test images has a standard error near a point; three points is about three of them.
   */
  @Test
  void aLongerRunEndsAtTheSameAccuracy() throws IOException {
    Path data = Path.of(System.getProperty("rigl.root"), "data/fashion-mnist-subset");
    IdxDataset train = IdxDataset.read(data, "train");
    IdxDataset test = IdxDataset.read(data, "t10k");
    double[] accuracy = new double[2];
    SparseComputeMode[] modes = {SparseComputeMode.MASKED, SparseComputeMode.SPARSE};
    for (int i = 0; i < 2; i++) {
      MnistFlags r = MnistFlags.reference("rigl", dir.resolve("long" + i));
      SparseTrainingConfig sparse = r.sparse().toBuilder().maskUpdates(0, 450, 100).build();
      MnistFlags flags = new MnistFlags(r.batchSize(), r.learningRate(), r.momentum(), r.useNesterov(), 200,
          r.lrDropEpoch(), r.optimizer(), r.l2Scale(), r.sparsityScale(), sparse, 600, 600, r.savePath(), false, false,
          "", 0, new ComputeOptions(modes[i], 1));
      accuracy[i] = new MnistRun(flags, new PrintStream(OutputStream.nullOutputStream())).train(train, test)
          .testAccuracy();
    }
    assertTrue(accuracy[0] > 0.7, "masked run learned: " + accuracy[0]);
    assertEquals(accuracy[0], accuracy[1], 0.03, "test accuracy, masked against sparse");
  }

  /**
   * A checkpoint holds the reference's names whichever way it was trained, and a run continues from it
   * the other way: the first step after the restore gives the same loss under both.
   */
  @ParameterizedTest
  @CsvSource({"sparse, masked", "masked, sparse"})
  void aCheckpointRestoresUnderTheOtherMode(String savedWith, String restoredWith) throws IOException {
    IdxDataset train = BandImages.bands(200, 1);
    MnistFlags saved = flags("rigl", "momentum", SparseComputeMode.parse(savedWith), "saved", true);
    new MnistRun(saved, new PrintStream(OutputStream.nullOutputStream())).train(train, BandImages.bands(50, 2));
    Path checkpoint = saved.savePath().resolve("model.ckpt");
    assertTrue(BundleIndexReader.read(checkpoint).names().stream().noneMatch(NonzeroIndices::isDerived));
    try (MnistSession same = new MnistSession(flags("rigl", "momentum", SparseComputeMode.parse(savedWith), "same", true), train, 10);
        MnistSession other =
            new MnistSession(flags("rigl", "momentum", SparseComputeMode.parse(restoredWith), "other", true), train, 10)) {
      same.restore(checkpoint);
      other.restore(checkpoint);
      for (String layer : LAYERS) {
        assertArrayEquals(read(same, layer + "/weights"), read(other, layer + "/weights"), layer);
      }
      float expected = same.step(false).loss();
      assertEquals(expected, other.step(false).loss(), 1e-5 * Math.abs(expected));
    }
  }

  private static void assertArrayEquals(float[] expected, float[] actual, String what) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, what);
  }
}
