package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.io.BundleDataReader;

/**
 * Pins a short seeded run of every driver to the exact bytes it produced before the training loop,
 * configuration and method registry were consolidated: a digest of every tensor of the final
 * checkpoint, the masks' ones, and the evaluation the driver reports. A refactoring that changes any
 * number of a seeded run fails here.
 */
class SeededRunPinTest {
  private static final String FAKE_IMAGENET = CliRun.testdata("tfrecords/fake_imagenet");
  private static final String WIKITEXT = CliRun.testdata("text/dummy_data/wikitext-103-raw");
  private static final String FASHION_SUBSET = System.getProperty("rigl.root") + "/data/fashion-mnist-subset";

  @TempDir Path tmp;

  @Test
  void trainImage() throws IOException {
    Path out = tmp.resolve("image");
    run("train-image", "--mode=train_and_eval", "--data_directory=" + FAKE_IMAGENET, "--output_dir=" + out,
        "--use_folder_stub=false", "--resnet_depth=18", "--width=0.125", "--image_size=32", "--label_offset=0",
        "--num_label_classes=10", "--training_method=rigl", "--end_sparsity=0.8", "--mask_init_method=erdos_renyi_kernel",
        "--train_batch_size=8", "--eval_batch_size=16", "--num_eval_images=32", "--eval_on_train",
        "--maskupdate_begin_step=2", "--maskupdate_end_step=100", "--maskupdate_frequency=3", "--num_train_images=512",
        "--train_steps=7", "--steps_per_checkpoint=4", "--num_parallel_calls=1", "--base_learning_rate=0.1", "--seed=3");
    assertPinned("train-image", out.resolve("model.ckpt-7"), out.resolve("eval_results.json"),
        "217 tensors a959e89cbb05db6dc22ba34f");
  }

  @Test
  void trainCifar() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("cifar"));
    byte[] records = new byte[24 * (1 + 3 * 32 * 32)];
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    for (int i = 0; i < records.length; i++) {
      records[i] = (byte) random.nextInt(256);
    }
    for (int i = 0; i < 24; i++) {
      records[i * (1 + 3 * 32 * 32)] = (byte) (i % 10);
    }
    for (String name : List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch")) {
      Files.write(data.resolve(name + ".bin"), records);
    }
    Path out = tmp.resolve("cifar-out");
    run("train-cifar", "--data_directory=" + data, "--train_dir=" + out, "--resnet_depth=10", "--resnet_width=1",
        "--batch_size=8", "--training_method=rigl", "--max_steps=7", "--checkpoint_steps=4", "--mode=train_and_eval",
        "--shuffle_buffer=24", "--maskupdate_begin_step=2", "--maskupdate_frequency=3", "--seed=2");
    Path dir = out.resolve("rigl/0.9/2/75000/3");
    assertPinned("train-cifar", dir.resolve("model.ckpt-7"), dir.resolve("eval_results.json"),
        "85 tensors a5d27b6a0bd38293d24e98c8");
  }

  @Test
  void trainMnist() throws IOException {
    Path out = tmp.resolve("mnist");
    run("train-mnist", "--mnist=" + FASHION_SUBSET, "--training_method=rigl", "--train_steps=40",
        "--maskupdate_frequency=15", "--batch_size=50", "--save_path=" + out, "--seed=1");
    assertPinned("train-mnist", out.resolve("model.ckpt"), null, "21 tensors 1335dd495576772a1378cfab");
  }

  @Test
  void trainLm() throws IOException {
    Path out = tmp.resolve("lm");
    run("train-lm", "--data_dir=" + WIKITEXT, "--output_dir=" + out, "--train_steps=30", "--embedding_size=16",
        "--gru_layers=1", "--gru_units=32", "--readout_units=32", "--seq_len=16", "--train_batch_size=8",
        "--eval_batch_size=4", "--learning_rate=0.01", "--end_sparsity=0.5", "--maskupdate_frequency=10",
        "--maskupdate_end_step=200", "--steps_per_checkpoint=20", "--eval_split=train", "--summary_steps=10", "--seed=4");
    assertPinned("train-lm", out.resolve("model.ckpt-30"), out.resolve("eval_results.json"), "51 tensors 39422525c72931b177b0a964");
  }

  private static void run(String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(0, run.exitCode(), run.err());
  }

  /** Compares the digest of every tensor (and the evaluation file, if any) with {@code expected}. */
  private static void assertPinned(String driver, Path checkpoint, Path evalResults, String expected) throws IOException {
    assertEquals(expected, digest(checkpoint, evalResults), driver + " no longer reproduces its seeded run");
  }

  /** SHA-256 over each tensor's name and bytes, in name order, then the evaluation file's text. */
  static String digest(Path checkpoint, Path evalResults) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<String> names;
    try (BundleDataReader reader = BundleDataReader.open(checkpoint)) {
      names = new ArrayList<>(reader.index().names());
      names.sort(null);
      for (String name : names) {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update(reader.readBytes(name));
      }
    }
    if (evalResults != null) {
      sha.update(Files.readAllBytes(evalResults));
    }
    return names.size() + " tensors " + HexFormat.of().formatHex(sha.digest()).substring(0, 24);
  }
}
