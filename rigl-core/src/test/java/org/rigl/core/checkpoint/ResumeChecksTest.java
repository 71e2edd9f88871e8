package org.rigl.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** What a resume refuses: contradicting flags, non-finite or non-binary state, changed mask counts, a bad state file. */
class ResumeChecksTest {
  @TempDir Path dir;

  /** Saves {@code layer/mask} and {@code layer/weights} with the given values; returns the prefix. */
  private Path checkpoint(float[] mask, float[] weights) throws IOException {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      ScopedNames.variable(tf, "layer/mask", tf.constant(mask));
      ScopedNames.variable(tf, "layer/weights", tf.constant(weights));
      CheckpointSaver saver = new CheckpointSaver(tf, GraphVariables.all(g));
      s.initialize();
      return new CheckpointManager(dir, 0).save(s, saver, 1);
    }
  }

  @Test
  void countsTheOnesOfValidMasks() throws IOException {
    Path prefix = checkpoint(new float[] {0, 1, 1, 0}, new float[] {0.5f, -2f, 3f, 0f});
    assertEquals(Map.of("layer/mask", 2L), RestoredStateCheck.check(prefix, GraphVariables.masksOnly()));
  }

  @Test
  void refusesNonFiniteWeightsWithValidChecksums() throws IOException {
    Path prefix = checkpoint(new float[] {0, 1}, new float[] {0.5f, Float.NaN});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RestoredStateCheck.check(prefix, GraphVariables.masksOnly()));
    assertTrue(e.getMessage().contains("tensor 'layer/weights' holds NaN at index 1"), e.getMessage());
  }

  @Test
  void refusesNonBinaryMasks() throws IOException {
    Path prefix = checkpoint(new float[] {0, 0.5f}, new float[] {1, 2});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RestoredStateCheck.check(prefix, GraphVariables.masksOnly()));
    assertTrue(e.getMessage().contains("mask 'layer/mask' holds 0.5 at index 1 (masks hold only 0 and 1)"), e.getMessage());
  }

  @Test
  void refusesChangedMaskCounts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RestoredStateCheck.requireCounts(dir.resolve("model.ckpt-3"), Map.of("a/mask", 4L), Map.of("a/mask", 5L)));
    assertTrue(e.getMessage().contains("mask 'a/mask' has 4 ones but this method keeps the 5 it started with"), e.getMessage());
    RestoredStateCheck.requireCounts(dir, Map.of("a/mask", 5L), Map.of("a/mask", 5L));
  }

  @Test
  void refusesFlagsThatContradictTheRecordedRun() throws IOException {
    SparseTrainingConfig trained = SparseTrainingConfig.builder(TrainingMethod.RIGL).endSparsity(0.9).maskInitMethod("erdos_renyi").build();
    RunDescription.of(trained).write(dir);
    RunDescription.of(trained).requireSameAs(dir);
    SparseTrainingConfig sparser = trained.toBuilder().endSparsity(0.8).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunDescription.of(sparser).requireSameAs(dir));
    assertEquals("--end_sparsity=0.8 but the checkpoint in " + dir + " was trained with 0.9", e.getMessage());
    SparseTrainingConfig other = SparseTrainingConfig.builder(TrainingMethod.SET).endSparsity(0.9).maskInitMethod("erdos_renyi").build();
    e = assertThrows(IllegalArgumentException.class, () -> RunDescription.of(other).requireSameAs(dir));
    assertEquals("--training_method=set but the checkpoint in " + dir + " was trained with rigl", e.getMessage());
    SparseTrainingConfig uniform = trained.toBuilder().maskInitMethod("random").build();
    e = assertThrows(IllegalArgumentException.class, () -> RunDescription.of(uniform).requireSameAs(dir));
    assertEquals("--mask_init_method=random but the checkpoint in " + dir + " was trained with erdos_renyi", e.getMessage());
  }

  @Test
  void aStateFileThatIsNoRegularFileIsAnError() throws IOException {
    Files.createDirectories(dir.resolve(CheckpointState.FILE_NAME));
    IOException e = assertThrows(IOException.class, () -> new CheckpointManager(dir, 0).latest());
    assertTrue(e.getMessage().endsWith("not a checkpoint state file (not a regular file)"), e.getMessage());
  }
}
