package org.rigl.lm.train;

import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.io.BundleDataReader;
import org.rigl.lm.data.ByteCorpus;
import org.rigl.lm.data.TrainBatches;
import org.rigl.lm.data.WikiTextSplit;
import org.rigl.lm.model.LmConfig;

/**
 * A resumed run continues the interrupted one exactly: weights, input position and the GRU state
 * carried between batches all come back from the checkpoint, so the losses after the resume equal
 * those of the run that was never stopped.
 */
class ResumeTest {
  private static final LmConfig TINY = new LmConfig(8, 2, 12, List.of(10), "relu");
  private static final int SEQ_LEN = 6;
  private static final int BATCH = 4;
  private static final int SAVE_AT = 3;
  private static final int STEPS = 6;

  private static LmTrainOptions options() {
    SparseTrainingConfig sparse = SparseTrainingConfig.builder(TrainingMethod.RIGL).endSparsity(0.8).maskInitMethod("random")
        .maskUpdates(0, 40, 100).seed(3).build();
    return new LmTrainOptions(SparseMethodsTest.DUMMY, Path.of("unused"), TINY, SEQ_LEN, BATCH, BATCH, 100, 0.01, 5.0, 1000,
        0, 0, 100, WikiTextSplit.VALID, 0, sparse);
  }

  @Test
  void resumingContinuesWithTheCarriedState(@TempDir Path dir) throws IOException {
    TrainBatches batches = new TrainBatches(ByteCorpus.read(SparseMethodsTest.DUMMY, WikiTextSplit.TRAIN), BATCH, SEQ_LEN, 5);
    for (int b = 1; b <= STEPS; b++) {
      assertFalse(batches.batch(b).startsSequence(), "batch " + b + " continues the lanes, so its state matters");
    }
    CheckpointManager checkpoints = new CheckpointManager(dir, 0);
    float[] uninterrupted = new float[STEPS];
    Path saved;
    try (LmSession s = new LmSession(options(), null)) {
      s.initialiseFresh();
      saved = null;
      for (int b = 0; b < STEPS; b++) {
        if (b == SAVE_AT) {
          saved = s.save(checkpoints, s.globalStep(), b);
        }
        uninterrupted[b] = s.step(batches.batch(b), false).loss();
      }
    }
    try (BundleDataReader ckpt = BundleDataReader.open(saved)) {
      float[] state = ckpt.readFloats(LmSession.carriedStateName(0));
      assertEquals(BATCH * 12, state.length);
      assertTrue(maxAbs(state) > 1e-3, "the saved state is the carried one, not zeros");
    }
    try (LmSession resumed = new LmSession(options(), null)) {
      resumed.restore(saved);
      assertEquals(SAVE_AT, resumed.batchesConsumed());
      for (int b = SAVE_AT; b < STEPS; b++) {
        assertEquals(uninterrupted[b], resumed.step(batches.batch(b), false).loss(), 1e-5, "loss of batch " + b);
      }
    }
  }

  private static float maxAbs(float[] values) {
    float m = 0;
    for (float v : values) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
