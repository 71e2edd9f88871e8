package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.io.TensorEntry;
import org.tensorflow.proto.DataType;

/**
 * A run whose learning rate makes it diverge stops at the first NaN or infinity with one line naming
 * the step and the tensor, exit 2; its latest checkpoint holds only finite values, and running it
 * again from there refuses the same way rather than failing on an internal assertion.
 */
class DivergenceTest {
  private static final String FAKE_IMAGENET = CliRun.testdata("tfrecords/fake_imagenet");
  private static final String WIKITEXT = CliRun.testdata("text/dummy_data/wikitext-103-raw");
  private static final String FASHION_SUBSET = System.getProperty("rigl.root") + "/data/fashion-mnist-subset";
  private static final Pattern DIVERGED = Pattern.compile(
      "rigl: error: training diverged at step (\\d+): (\\S+) became NaN or infinite; .*");

  @TempDir Path tmp;

  @Test
  void trainImage() throws IOException {
    Path out = tmp.resolve("image");
    String[] args = {"train-image", "--mode=train", "--data_directory=" + FAKE_IMAGENET, "--output_dir=" + out,
        "--use_folder_stub=false", "--resnet_depth=18", "--width=0.125", "--image_size=32", "--label_offset=0",
        "--num_label_classes=10", "--training_method=rigl", "--end_sparsity=0.8", "--mask_init_method=random",
        "--train_batch_size=8",
        "--maskupdate_begin_step=2", "--maskupdate_end_step=100", "--maskupdate_frequency=3", "--num_train_images=512",
        "--train_steps=30", "--steps_per_checkpoint=2", "--num_parallel_calls=1", "--base_learning_rate=1e30",
        "--seed=3"};
    assertStopsAndResumesCleanly(out, args);
  }

  @Test
  void trainLm() throws IOException {
    Path out = tmp.resolve("lm");
    assertStopsAndResumesCleanly(out, lm(out));
  }

  @Test
  void trainMnist() throws IOException {
    Path out = tmp.resolve("mnist");
    String[] args = {"train-mnist", "--mnist=" + FASHION_SUBSET, "--training_method=rigl", "--train_steps=40",
        "--maskupdate_frequency=5", "--batch_size=50", "--learning_rate=1e8", "--save_path=" + out, "--seed=1"};
    Matcher first = diverges(args);
    // The script saves only at its end: a diverged run saves nothing.
    assertFalse(Files.exists(out.resolve(CheckpointManager.BASENAME + ".index")));
    Matcher again = diverges(args);
    assertEquals(first.group(0), again.group(0));
  }

  /** Over the nonzeros the guard reads the active weights: the same stop, naming a weight or the loss. */
  @Test
  void trainMnistOverNonzeros() throws IOException {
    Path out = tmp.resolve("mnist-sparse");
    String[] args = {"train-mnist", "--mnist=" + FASHION_SUBSET, "--training_method=rigl", "--train_steps=40",
        "--maskupdate_frequency=5", "--batch_size=50", "--learning_rate=1e8", "--save_path=" + out, "--seed=1",
        "--sparse_compute=sparse"};
    Matcher first = diverges(args);
    assertFalse(Files.exists(out.resolve(CheckpointManager.BASENAME + ".index")));
    assertTrue(first.group(2).equals("loss") || first.group(2).startsWith("layer"), first.group(0));
  }

  @Test
  void trainLmOverNonzeros() throws IOException {
    Path out = tmp.resolve("lm-sparse");
    assertStopsAndResumesCleanly(out, lm(out, "--sparse_compute=sparse"));
  }

  /** A one-layer LM on the dummy WikiText whose learning rate makes it diverge. */
  private static String[] lm(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train-lm", "--data_dir=" + WIKITEXT, "--output_dir=" + out,
        "--train_steps=30", "--embedding_size=16", "--gru_layers=1", "--gru_units=32", "--readout_units=32",
        "--seq_len=16", "--train_batch_size=8", "--eval_batch_size=4", "--learning_rate=1e30", "--end_sparsity=0.5",
        "--maskupdate_frequency=3", "--maskupdate_end_step=200", "--steps_per_checkpoint=1", "--eval_split=train",
        "--seed=4"));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  /** Diverges, keeps only finite checkpoints, and a second run from the latest one diverges the same way. */
  private static void assertStopsAndResumesCleanly(Path out, String[] args) throws IOException {
    Matcher first = diverges(args);
    Optional<Path> latest = new CheckpointManager(out, 0).latest();
    assertTrue(latest.isPresent(), "a checkpoint before the divergence");
    long latestStep = Long.parseLong(latest.get().toString().substring(latest.get().toString().lastIndexOf('-') + 1));
    assertTrue(latestStep < Long.parseLong(first.group(1)), first.group(0) + " but latest " + latest.get());
    assertTrue(first.group(0).contains("the latest checkpoint stays " + latest.get().getFileName()), first.group(0));
    for (Path checkpoint : checkpoints(out)) {
      assertAllFinite(checkpoint);
    }
    Matcher again = diverges(args);
    assertEquals(first.group(1), again.group(1), "a resume replays the same steps");
    assertEquals(latest, new CheckpointManager(out, 0).latest());
  }

  /** Runs {@code args}, expecting exit 2 and exactly one error line, the divergence. */
  private static Matcher diverges(String[] args) {
    CliRun run = CliRun.of(args);
    assertEquals(2, run.exitCode(), run.err());
    List<String> errors = run.err().lines().filter(l -> l.startsWith("rigl: error:")).toList();
    assertEquals(1, errors.size(), run.err());
    Matcher m = DIVERGED.matcher(errors.get(0));
    assertTrue(m.matches(), errors.get(0));
    assertFalse(run.err().contains("overlap"), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    return m;
  }

  private static List<Path> checkpoints(Path out) throws IOException {
    try (var files = Files.list(out)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".index"))
          .map(n -> out.resolve(n.substring(0, n.length() - ".index".length()))).toList();
    }
  }

  private static void assertAllFinite(Path checkpoint) throws IOException {
    try (BundleDataReader reader = BundleDataReader.open(checkpoint)) {
      for (TensorEntry e : reader.index().entries()) {
        if (e.dtype() == DataType.DT_FLOAT) {
          for (float v : reader.readFloats(e.name())) {
            assertTrue(Float.isFinite(v), checkpoint.getFileName() + " " + e.name() + " holds " + v);
          }
        }
      }
    }
  }
}
