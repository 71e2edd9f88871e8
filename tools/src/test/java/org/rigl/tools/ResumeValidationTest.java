package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.checkpoint.RunDescription;

/** A resume whose flags contradict the checkpoint's run stops with one line naming both values. */
class ResumeValidationTest {
  private static final String FASHION_SUBSET = System.getProperty("rigl.root") + "/data/fashion-mnist-subset";
  private static final String WIKITEXT = CliRun.testdata("text/dummy_data/wikitext-103-raw");

  @Test
  void trainLmRefusesAnotherEndSparsityOnResume(@TempDir Path out) {
    CliRun first = lm(out, 10, "0.5");
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(Files.isRegularFile(out.resolve(RunDescription.FILE_NAME)));
    CliRun resumed = lm(out, 20, "0.8");
    assertNotEquals(0, resumed.exitCode());
    assertTrue(resumed.err().contains("rigl: error: --end_sparsity=0.8 but the checkpoint in " + out + " was trained with 0.5"),
        resumed.err());
  }

  /** train-mnist's folder keeps only the script's files: its masks' counts tell another sparsity. */
  @Test
  void trainMnistRefusesMasksOfAnotherEndSparsityOnResume(@TempDir Path out) {
    CliRun first = mnist(out, 20, "0.9");
    assertEquals(0, first.exitCode(), first.err());
    CliRun resumed = mnist(out, 40, "0.8");
    assertNotEquals(0, resumed.exitCode());
    assertTrue(resumed.err().contains("rigl: error: checkpoint " + out.resolve("model.ckpt") + ": mask '"), resumed.err());
    assertTrue(resumed.err().contains("(--end_sparsity, --mask_init_method or the seed differ from the run's?)"), resumed.err());
  }

  private static CliRun lm(Path out, int steps, String endSparsity) {
    return CliRun.of("train-lm", "--data_dir=" + WIKITEXT, "--output_dir=" + out, "--train_steps=" + steps,
        "--embedding_size=8", "--gru_layers=1", "--gru_units=16", "--readout_units=16", "--seq_len=8",
        "--train_batch_size=4", "--eval_batch_size=4", "--end_sparsity=" + endSparsity, "--steps_per_checkpoint=10",
        "--eval_split=train", "--seed=4");
  }

  private static CliRun mnist(Path out, int steps, String endSparsity) {
    return CliRun.of("train-mnist", "--mnist=" + FASHION_SUBSET, "--training_method=rigl", "--train_steps=" + steps,
        "--end_sparsity=" + endSparsity, "--batch_size=50", "--save_path=" + out, "--seed=1");
  }
}
