package org.rigl.lm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.sparse.ComputeOptions;
import org.rigl.core.sparse.NonzeroIndices;
import org.rigl.core.sparse.SparseComputeMode;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;
import org.rigl.lm.data.ByteCorpus;
import org.rigl.lm.data.TrainBatches;
import org.rigl.lm.data.WikiTextSplit;
import org.rigl.lm.model.LmConfig;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * The character model computed over its nonzeros agrees with the masked one: a seeded RigL run
 * with Adam has the same losses and active weights up to float32 rounding of another summation
 * order before the first mask update, and the update picks the same masks up to near-ties;
 * checkpoints are the same whichever way a run computed, and restored models evaluate and sample
 * the same.
 */
class LmSparseComputeTest {
  private static final LmConfig SMALL = new LmConfig(16, 2, 32, List.of(24), "relu");
  private static final int SEQ_LEN = 8;
  private static final int BATCH = 4;
  private static final long UPDATE_EVERY = 6;

  @TempDir Path dir;

  private static LmTrainOptions options(SparseComputeMode mode, long updateEvery) {
    return options(mode, updateEvery, 7);
  }

  private static LmTrainOptions options(SparseComputeMode mode, long updateEvery, long seed) {
    SparseTrainingConfig sparse = SparseTrainingConfig.builder(TrainingMethod.RIGL).endSparsity(0.8)
        .maskInitMethod("erdos_renyi_kernel").maskUpdates(updateEvery, 1000, updateEvery).seed(seed).build();
    return new LmTrainOptions(SparseMethodsTest.DUMMY, Path.of("unused"), SMALL, SEQ_LEN, BATCH, BATCH, 100, 0.001, 5.0,
        1000, 0, 0, 100, WikiTextSplit.VALID, 0, sparse, new ComputeOptions(mode, 0));
  }

  private static LmSession fresh(SparseComputeMode mode, long updateEvery) {
    LmSession s = new LmSession(options(mode, updateEvery), null);
    s.initialiseFresh();
    return s;
  }

  private static TrainBatches batches() throws IOException {
    return new TrainBatches(ByteCorpus.read(SparseMethodsTest.DUMMY, WikiTextSplit.TRAIN), BATCH, SEQ_LEN, 5);
  }

  private static float[] read(LmSession s, String name) {
    try (Result r = s.session().runner().fetch(name).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] values = new float[Math.toIntExact(t.shape().size())];
      t.asRawTensor().data().asFloats().read(values);
      return values;
    }
  }

  private static Map<String, float[]> masks(LmSession s) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (MaskedWeights layer : s.masks().layers()) {
      out.put(layer.maskName(), read(s, layer.maskName()));
    }
    return out;
  }

  @Test
  void rigLOverNonzerosMatchesMaskedLayers() throws IOException {
    TrainBatches batches = batches();
    try (LmSession masked = fresh(SparseComputeMode.MASKED, UPDATE_EVERY);
        LmSession sparse = fresh(SparseComputeMode.SPARSE, UPDATE_EVERY)) {
      assertFalse(masked.compute().any());
      assertEquals(masked.masks().layers().size(), sparse.compute().sparseLayers().size(),
          "every masked kernel multiplies over its nonzeros");
      Map<String, float[]> initial = masks(masked);
      initial.forEach((name, mask) -> assertArrayEquals(mask, read(sparse, name), name + " initial mask"));
      int b = 0;
      for (; b < UPDATE_EVERY; b++) {
        float lossMasked = masked.step(batches.batch(b), false).loss();
        float lossSparse = sparse.step(batches.batch(b), false).loss();
        assertEquals(lossMasked, lossSparse, 1e-5 * Math.abs(lossMasked), "loss at step " + (b + 1));
      }
      for (MaskedWeights layer : masked.masks().layers()) {
        float[] mask = initial.get(layer.maskName());
        float[] a = read(masked, layer.weightsName());
        float[] c = read(sparse, layer.weightsName());
        float largest = 0;
        float worst = 0;
        for (int i = 0; i < mask.length; i++) {
          if (mask[i] != 0) {
            largest = Math.max(largest, Math.abs(a[i]));
            worst = Math.max(worst, Math.abs(a[i] - c[i]));
          }
        }
        assertTrue(worst <= 1e-5f * largest,
            layer.weightsName() + ": active weights differ by " + worst + " (largest " + largest + ")");
      }
      // The update iteration (global step UPDATE_EVERY) and one weight step after it.
      for (int i = 0; i < 2; i++, b++) {
        masked.step(batches.batch(b), false);
        sparse.step(batches.batch(b), false);
      }
      long positions = 0;
      long differing = 0;
      boolean changed = false;
      Map<String, float[]> updatedMasked = masks(masked);
      Map<String, float[]> updatedSparse = masks(sparse);
      for (String name : initial.keySet()) {
        float[] a = updatedMasked.get(name);
        float[] c = updatedSparse.get(name);
        positions += a.length;
        for (int i = 0; i < a.length; i++) {
          differing += a[i] != c[i] ? 1 : 0;
        }
        changed |= !Arrays.equals(a, initial.get(name));
      }
      assertTrue(changed, "the first mask update changed the masks");
      assertTrue(differing <= positions / 10_000, differing + " of " + positions + " mask positions differ");
    }
  }

  @Test
  void sparseCheckpointRestoresIntoMaskedSession() throws IOException {
    assertCheckpointCarriesOver(SparseComputeMode.SPARSE, SparseComputeMode.MASKED);
  }

  @Test
  void maskedCheckpointRestoresIntoSparseSession() throws IOException {
    assertCheckpointCarriesOver(SparseComputeMode.MASKED, SparseComputeMode.SPARSE);
  }

  /**
   * A run under {@code from}, after a mask update, saved; restored under {@code to} and saved again
   * gives the same tensors, and the next step's loss is the uninterrupted run's.
   */
  private void assertCheckpointCarriesOver(SparseComputeMode from, SparseComputeMode to) throws IOException {
    TrainBatches batches = batches();
    int saveAt = 5;
    Path saved;
    float continued;
    try (LmSession s = fresh(from, 2)) {
      for (int b = 0; b < saveAt; b++) {
        s.step(batches.batch(b), false);
      }
      saved = s.save(new CheckpointManager(dir.resolve(from.flagName()), 0), s.globalStep(), saveAt);
      continued = s.step(batches.batch(saveAt), false).loss();
    }
    Path again;
    float resumed;
    try (LmSession s = new LmSession(options(to, 2), null)) {
      s.restore(saved);
      again = s.save(new CheckpointManager(dir.resolve(to.flagName()), 0), s.globalStep(), saveAt);
      resumed = s.step(batches.batch(saveAt), false).loss();
    }
    assertEquals(continued, resumed, 1e-5 * Math.abs(continued), "loss after the restore");
    try (BundleDataReader a = BundleDataReader.open(saved); BundleDataReader c = BundleDataReader.open(again)) {
      List<String> names = a.index().names();
      assertEquals(names, c.index().names());
      assertTrue(names.stream().noneMatch(NonzeroIndices::isDerived), "no derived index in " + names);
      for (String name : names) {
        assertArrayEquals(a.readBytes(name), c.readBytes(name), name);
      }
    }
  }

  /**
   * Over a longer run (200 steps, mask updates every 20) the two modes part after near-ties in the
   * updates, so they are compared by what they end at: the validation bits per character of the
   * sparse run lie as close to the masked run's as another seed's masked run does (three times that
   * spread, or 1%, whichever is larger).
   */
  @Test
  void aLongerRunEndsAtTheSameBitsPerChar() throws IOException {
    double masked = bitsAfterTraining(SparseComputeMode.MASKED, 7);
    double sparse = bitsAfterTraining(SparseComputeMode.SPARSE, 7);
    double otherSeed = bitsAfterTraining(SparseComputeMode.MASKED, 8);
    double tolerance = Math.max(3 * Math.abs(otherSeed - masked), 0.01 * masked);
    assertEquals(masked, sparse, tolerance, "bits per char, masked against sparse (other seed: " + otherSeed + ")");
  }

  private double bitsAfterTraining(SparseComputeMode mode, long seed) throws IOException {
    TrainBatches batches = new TrainBatches(ByteCorpus.read(SparseMethodsTest.DUMMY, WikiTextSplit.TRAIN), BATCH,
        SEQ_LEN, seed);
    Path saved;
    try (LmSession s = new LmSession(options(mode, 20, seed), null)) {
      s.initialiseFresh();
      for (int b = 0; b < 200; b++) {
        s.step(batches.batch(b), false);
      }
      saved = s.save(new CheckpointManager(dir.resolve(mode.flagName() + seed), 0), s.globalStep(), 200);
    }
    ByteCorpus valid = ByteCorpus.read(SparseMethodsTest.DUMMY, WikiTextSplit.VALID);
    try (RestoredModel m = new RestoredModel(SMALL, SEQ_LEN, saved, ComputeOptions.DEFAULT, BATCH)) {
      return m.evaluator().evaluate(valid, "valid", BATCH, m.globalStep(), "").bitsPerChar();
    }
  }

  @Test
  void evaluationAndSamplingOverNonzerosMatchMasked() throws IOException {
    TrainBatches batches = batches();
    Path saved;
    try (LmSession s = fresh(SparseComputeMode.SPARSE, 2)) {
      for (int b = 0; b < 5; b++) {
        s.step(batches.batch(b), false);
      }
      saved = s.save(new CheckpointManager(dir, 0), s.globalStep(), 5);
    }
    ByteCorpus valid = ByteCorpus.read(SparseMethodsTest.DUMMY, WikiTextSplit.VALID);
    ComputeOptions masked = new ComputeOptions(SparseComputeMode.MASKED, 0);
    ComputeOptions sparse = new ComputeOptions(SparseComputeMode.SPARSE, 0);
    double bitsMasked;
    double bitsSparse;
    try (RestoredModel m = new RestoredModel(SMALL, SEQ_LEN, saved, masked, BATCH)) {
      bitsMasked = m.evaluator().evaluate(valid, "valid", BATCH, m.globalStep(), "").bitsPerChar();
    }
    try (RestoredModel m = new RestoredModel(SMALL, SEQ_LEN, saved, sparse, BATCH)) {
      bitsSparse = m.evaluator().evaluate(valid, "valid", BATCH, m.globalStep(), "").bitsPerChar();
    }
    assertEquals(bitsMasked, bitsSparse, 1e-5 * bitsMasked, "bits per char");
    byte[] prime = "The ".getBytes(StandardCharsets.UTF_8);
    byte[] textMasked;
    byte[] textSparse;
    try (RestoredModel m = new RestoredModel(SMALL, 1, saved, masked, 1)) {
      textMasked = new LmSampler(m).sample(prime, 40, 0, 3);
    }
    try (RestoredModel m = new RestoredModel(SMALL, 1, saved, sparse, 1)) {
      textSparse = new LmSampler(m).sample(prime, 40, 0, 3);
    }
    assertArrayEquals(textMasked, textSparse, "greedy samples");
  }

  @Test
  void sparseComputeNeedsAMethodThatKeepsCounts() {
    SparseTrainingConfig snip = SparseTrainingConfig.builder(TrainingMethod.SNIP).endSparsity(0.8)
        .maskInitMethod("random").seed(7).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LmTrainOptions(
        SparseMethodsTest.DUMMY, Path.of("unused"), SMALL, SEQ_LEN, BATCH, BATCH, 100, 0.001, 5.0, 1000, 0, 0, 100,
        WikiTextSplit.VALID, 0, snip, new ComputeOptions(SparseComputeMode.SPARSE, 0)));
    assertTrue(e.getMessage().startsWith("--sparse_compute=sparse needs a training method that keeps each layer's "
        + "count of nonzeros (set, rigl, momentum, static)"), e.getMessage());
  }
}
