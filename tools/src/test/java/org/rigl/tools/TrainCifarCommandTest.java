package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCifarCommandTest {
  private static final int RECORD_BYTES = 1 + 3 * 32 * 32;

  /** Blank 32x32 images labelled 0..9 in turn: enough to run the command end to end. */
  private static Path writeBlankCifar(Path dir, int perFile) throws IOException {
    byte[] records = new byte[perFile * RECORD_BYTES];
    for (int i = 0; i < perFile; i++) {
      records[i * RECORD_BYTES] = (byte) (i % 10);
    }
    for (String name : new String[] {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5",
        "test_batch"}) {
      Files.write(dir.resolve(name + ".bin"), records);
    }
    return dir;
  }

  @Test
  void trainsEvaluatesAndWritesResultsUnderTheFolderStub(@TempDir Path tmp) throws IOException {
    Path data = writeBlankCifar(Files.createDirectories(tmp.resolve("data")), 16);
    CliRun run = CliRun.of("train-cifar", "--data_directory=" + data, "--train_dir=" + tmp.resolve("out"),
        "--resnet_depth=10", "--resnet_width=1", "--batch_size=8", "--training_method=set", "--max_steps=2",
        "--checkpoint_steps=2", "--mode=train_and_eval", "--shuffle_buffer=80", "--master=local", "--ps_task=0");
    assertEquals(0, run.exitCode(), run.err());
    Path dir = tmp.resolve("out/set/0.9/0/75000/100");
    assertTrue(run.err().contains("output in " + dir), run.err());
    String json = Files.readString(dir.resolve("eval_results.json"));
    assertTrue(json.contains("\"global_step\": 2") && json.contains("\"class_level_summaries/recall/truck\""), json);
    assertTrue(run.out().contains("Starting training...") && run.out().contains("Evaluation at step 2: eval_accuracy"), run.out());
  }

  @Test
  void badFlagValuesAreNamed(@TempDir Path tmp) {
    CliRun mode = CliRun.of("train-cifar", "--data_directory=" + tmp, "--mode=predict");
    assertEquals(2, mode.exitCode());
    assertTrue(mode.err().contains("--mode: 'predict'") && mode.err().contains("train_and_eval"), mode.err());
    CliRun method = CliRun.of("train-cifar", "--data_directory=" + tmp, "--training_method=dnw");
    assertEquals(2, method.exitCode());
    assertTrue(method.err().contains("'dnw'") && method.err().contains("prune"), method.err());
  }
}
