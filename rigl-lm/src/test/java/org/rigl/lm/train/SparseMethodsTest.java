package org.rigl.lm.train;

import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.sparsity.SparsityCounts;
import org.rigl.core.train.loop.StepResult;
import org.rigl.lm.data.ByteCorpus;
import org.rigl.lm.data.TrainBatches;
import org.rigl.lm.data.WikiTextSplit;
import org.rigl.lm.model.LmConfig;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** The sparse methods on the stacked GRU model: mask counts, update schedule, method-specific masks. */
class SparseMethodsTest {
  static final Path DUMMY =
      Path.of(System.getProperty("rigl.root"), "..", "shared", "testdata", "text", "dummy_data", "wikitext-103-raw");
  private static final LmConfig TINY = new LmConfig(8, 2, 12, List.of(10), "relu");
  private static final int SEQ_LEN = 6;
  private static final int BATCH = 4;

  private static LmTrainOptions options(String method, String distribution, double sparsity, long begin, long end, long freq) {
    SparseTrainingConfig sparse = SparseTrainingConfig.builder(TrainingMethod.parse(method)).endSparsity(sparsity)
        .maskInitMethod(distribution).maskUpdates(begin, end, freq).seed(11).build();
    return new LmTrainOptions(DUMMY, Path.of("unused"), TINY, SEQ_LEN, BATCH, BATCH, 100, 0.01, 5.0, 1000, 0, 0, 100,
        WikiTextSplit.VALID, 0, sparse);
  }

  /** A session on {@code o}, started from scratch. */
  private static LmSession fresh(LmTrainOptions o) throws Exception {
    LmSession s = new LmSession(o, null);
    try {
      s.initialiseFresh();
      return s;
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
  }

  private static TrainBatches batches() throws Exception {
    return new TrainBatches(ByteCorpus.read(DUMMY, WikiTextSplit.TRAIN), BATCH, SEQ_LEN, 5);
  }

  private static Map<String, float[]> masks(LmSession s) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (MaskedWeights layer : s.masks().layers()) {
      try (Result r = s.session().runner().fetch(layer.mask()).run()) {
        float[] values = new float[Math.toIntExact(layer.shape().size())];
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(values, false, false));
        out.put(layer.maskName(), values);
      }
    }
    return out;
  }

  private static long ones(float[] mask) {
    long n = 0;
    for (float v : mask) {
      n += v == 1f ? 1 : (v == 0f ? 0 : Long.MIN_VALUE);
    }
    return n;
  }

  @Test
  void rigLUpdatesKeepEveryMaskCountExact() throws Exception {
    // ERK at 80%: 4 GRU kernels per layer, 2 layers, a readout and the logits, each at its own sparsity.
    LmTrainOptions o = options("rigl", "erdos_renyi_kernel", 0.8, 2, 40, 4);
    TrainBatches data = batches();
    try (LmSession s = fresh(o)) {
      assertEquals(10, s.masks().layers().size());
      Map<String, float[]> initial = masks(s);
      Map<String, Long> expectedOnes = new LinkedHashMap<>();
      var sparsities = org.rigl.core.mask.MaskInitializer.sparsities(s.masks(), "erdos_renyi_kernel", 0.8, Map.of(), 1.0);
      for (MaskedWeights layer : s.masks().layers()) {
        long n = layer.shape().size();
        expectedOnes.put(layer.maskName(), n - SparsityCounts.nZeros(n, sparsities.get(layer.maskName())));
        assertEquals(expectedOnes.get(layer.maskName()), ones(initial.get(layer.maskName())), layer.maskName());
      }
      Map<String, float[]> previous = initial;
      List<Long> updateSteps = new ArrayList<>();
      int changedUpdates = 0;
      long step = 0;
      for (int k = 0; k < 30; k++) {
        StepResult r = s.step(data.batch(k), false);
        Map<String, float[]> now = masks(s);
        if (r.globalStep() == step) {
          updateSteps.add(step); // RigL: an update iteration takes no weight step
          boolean changed = false;
          for (var e : now.entrySet()) {
            changed |= !java.util.Arrays.equals(e.getValue(), previous.get(e.getKey()));
          }
          changedUpdates += changed ? 1 : 0;
        } else {
          assertEquals(step + 1, r.globalStep());
          for (var e : now.entrySet()) {
            assertTrue(java.util.Arrays.equals(e.getValue(), previous.get(e.getKey())), "masks only change on updates");
          }
        }
        for (var e : now.entrySet()) {
          assertEquals(expectedOnes.get(e.getKey()), ones(e.getValue()), e.getKey() + " after iteration " + k);
        }
        previous = now;
        step = r.globalStep();
      }
      // begin 2, frequency 4: updates at gs 2, 6, ...; 30 iterations with 6 updates end at gs 24.
      assertEquals(List.of(2L, 6L, 10L, 14L, 18L, 22L), updateSteps);
      assertEquals(24, step);
      assertTrue(changedUpdates >= 5, "drop/grow moved connections in " + changedUpdates + " updates");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"set", "momentum", "static", "scratch"})
  void dynamicAndFixedMasksKeepTheirCounts(String method) throws Exception {
    TrainBatches data = batches();
    try (LmSession s = fresh(options(method, "random", 0.7, 0, 20, 2))) {
      Map<String, float[]> initial = masks(s);
      boolean changed = false;
      for (int k = 0; k < 8; k++) {
        s.step(data.batch(k), false);
      }
      for (var e : masks(s).entrySet()) {
        long n = e.getValue().length;
        assertEquals(n - SparsityCounts.nZeros(n, 0.7), ones(e.getValue()), method + " " + e.getKey());
        changed |= !java.util.Arrays.equals(e.getValue(), initial.get(e.getKey()));
      }
      // SET and SNFS move connections; static regrows what it drops; scratch never updates.
      assertEquals(method.equals("set") || method.equals("momentum"), changed, method);
      assertEquals(8, s.globalStep());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"snip", "dnw", "prune", "baseline"})
  void oneShotPerStepAndGradualMethodsReachTheirSparsity(String method) throws Exception {
    TrainBatches data = batches();
    // prune: cubic schedule from step 0 to 6, every 2 steps, so its target is reached by step 6.
    try (LmSession s = fresh(options(method, "random", 0.6, 0, 6, 2))) {
      for (float[] m : masks(s).values()) {
        assertEquals(m.length, ones(m), method + " starts dense");
      }
      for (int k = 0; k < 8; k++) {
        s.step(data.batch(k), false);
      }
      for (var e : masks(s).entrySet()) {
        long n = e.getValue().length;
        long expected = switch (method) {
          case "baseline" -> n;
          case "prune" -> Math.round(n * (1 - 0.6)); // contrib pruning keeps round(n (1 - s)) of |W| (ties aside)
          default -> n - SparsityCounts.nZeros(n, 0.6);
        };
        assertEquals(expected, ones(e.getValue()), method + " " + e.getKey());
      }
      // SNIP spends its first iteration on the masks without a step.
      assertEquals(method.equals("snip") ? 7 : 8, s.globalStep());
    }
  }
}
