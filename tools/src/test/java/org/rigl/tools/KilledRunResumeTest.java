package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.checkpoint.CheckpointManager;

/**
 * Each driver on a tiny model, killed (SIGKILL) at seeded moments in a child JVM, some of them
 * inside a checkpoint save, and resumed: the final checkpoint is bit-identical, every tensor of it,
 * to the one of the run that was never stopped.
 */
class KilledRunResumeTest {
  private static final String FAKE_IMAGENET = CliRun.testdata("tfrecords/fake_imagenet");
  private static final String FASHION_SUBSET = System.getProperty("rigl.root") + "/data/fashion-mnist-subset";
  /** How long a kill waits at most for the moment it aims at; the child may finish first. */
  private static final long AIM_MILLIS = 60_000;

  @TempDir Path tmp;

  @Test
  @Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void trainImageResumesExactly() throws Exception {
    Function<Path, List<String>> args = out -> List.of("train-image", "--mode=train", "--data_directory=" + FAKE_IMAGENET,
        "--output_dir=" + out, "--use_folder_stub=false", "--resnet_depth=18", "--width=0.125", "--image_size=32",
        "--label_offset=0", "--num_label_classes=10", "--training_method=rigl", "--end_sparsity=0.8",
        "--mask_init_method=erdos_renyi_kernel", "--train_batch_size=8", "--maskupdate_begin_step=2", "--maskupdate_end_step=100", "--maskupdate_frequency=3",
        "--num_train_images=512", "--train_steps=8", "--steps_per_checkpoint=2", "--num_parallel_calls=1",
        "--base_learning_rate=0.1", "--seed=3");
    assertResumesExactly(args, out -> out, "model.ckpt-8", new Random(31));
  }

  @Test
  @Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void trainCifarResumesExactly() throws Exception {
    Path data = cifarRecords(Files.createDirectories(tmp.resolve("cifar")));
    Function<Path, List<String>> args = out -> List.of("train-cifar", "--data_directory=" + data, "--train_dir=" + out,
        "--resnet_depth=10", "--resnet_width=1", "--batch_size=8", "--training_method=set", "--max_steps=6",
        "--checkpoint_steps=3", "--mode=train_and_eval", "--shuffle_buffer=24", "--maskupdate_begin_step=2",
        "--maskupdate_frequency=3", "--seed=2");
    assertResumesExactly(args, out -> out.resolve("set/0.9/2/75000/3"), "model.ckpt-6", new Random(32));
  }

  @Test
  @Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void trainLmResumesExactly() throws Exception {
    assertResumesExactly(out -> lm(out), out -> out, "model.ckpt-40", new Random(33));
  }

  /** Over the nonzeros the indices are rebuilt from the restored masks: the resumed run is the same run. */
  @Test
  @Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void trainLmOverNonzerosResumesExactly() throws Exception {
    assertResumesExactly(out -> lm(out, "--sparse_compute=sparse", "--intra_op_threads=1"), out -> out,
        "model.ckpt-40", new Random(34));
  }

  @Test
  @Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void trainMnistResumesExactly() throws Exception {
    Function<Path, List<String>> longRun = out -> mnist(out, 40);
    Path uninterrupted = tmp.resolve("mnist-whole");
    run(longRun.apply(uninterrupted));
    String expected = SeededRunPinTest.digest(uninterrupted.resolve("model.ckpt"), null);

    // A run that stopped at step 20 and is continued to 40 reads the batches the whole run read.
    Path continued = tmp.resolve("mnist-continued");
    run(mnist(continued, 20));
    // Killed inside the save that would replace model.ckpt: the step-20 one stays and is continued.
    assertTrue(killInsideSave(longRun.apply(continued), continued));
    run(longRun.apply(continued));
    assertEquals(expected, SeededRunPinTest.digest(continued.resolve("model.ckpt"), null));

  }

  /** Six CIFAR-10 files of 24 seeded random images each. */
  private static Path cifarRecords(Path data) throws IOException {
    int recordBytes = 1 + 3 * 32 * 32;
    byte[] records = new byte[24 * recordBytes];
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    for (int i = 0; i < records.length; i++) {
      records[i] = (byte) random.nextInt(256);
    }
    for (int i = 0; i < 24; i++) {
      records[i * recordBytes] = (byte) (i % 10);
    }
    for (String name : List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch")) {
      Files.write(data.resolve(name + ".bin"), records);
    }
    return data;
  }

  /** A 40-step RigL run of a one-layer LM on the dummy WikiText, checkpoints every 5 steps. */
  private static List<String> lm(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train-lm",
        "--data_dir=" + CliRun.testdata("text/dummy_data/wikitext-103-raw"), "--output_dir=" + out,
        "--train_steps=40", "--embedding_size=16", "--gru_layers=1", "--gru_units=32", "--readout_units=32",
        "--seq_len=16", "--train_batch_size=8", "--eval_batch_size=4", "--learning_rate=0.01", "--end_sparsity=0.5",
        "--maskupdate_frequency=10", "--maskupdate_end_step=200", "--steps_per_checkpoint=5", "--eval_split=train",
        "--summary_steps=10", "--seed=4"));
    args.addAll(List.of(extra));
    return args;
  }

  private static List<String> mnist(Path out, int steps) {
    return List.of("train-mnist", "--mnist=" + FASHION_SUBSET, "--training_method=rigl", "--train_steps=" + steps,
        "--maskupdate_frequency=15", "--batch_size=50", "--save_path=" + out, "--seed=1");
  }

  /**
   * Runs {@code args} uninterrupted in this JVM, then in a child JVM killed twice (a seeded moment
   * after its first checkpoint, then, resumed, inside its first save) and resumed to the end here.
   */
  private void assertResumesExactly(Function<Path, List<String>> args, Function<Path, Path> checkpointDir,
      String finalCheckpoint, Random random) throws Exception {
    Path uninterrupted = tmp.resolve("whole");
    run(args.apply(uninterrupted));
    String expected = SeededRunPinTest.digest(checkpointDir.apply(uninterrupted).resolve(finalCheckpoint), null);

    Path killed = tmp.resolve("killed");
    List<String> killedArgs = args.apply(killed);
    Path folder = checkpointDir.apply(killed);
    killAfterCheckpoint(killedArgs, folder, random.nextInt(300));
    assertTrue(killInsideSave(killedArgs, folder), "the resumed child finished before its first save");
    assertTrue(latest(folder).isPresent(), "the killed children left no checkpoint to resume from");
    run(killedArgs);
    assertEquals(expected, SeededRunPinTest.digest(folder.resolve(finalCheckpoint), null),
        "the killed and resumed run ends elsewhere than the uninterrupted one");
  }

  /** Kills the child as soon as a save's temporary file appears in {@code folder}; whether it was killed. */
  private static boolean killInsideSave(List<String> args, Path folder) throws Exception {
    return killWhen(args, folder, child -> hasTemporaryFile(folder, child.pid()), 0);
  }

  /** Kills the child {@code delayMillis} after it made a checkpoint past step 0 the latest. */
  private static void killAfterCheckpoint(List<String> args, Path folder, long delayMillis) throws Exception {
    killWhen(args, folder, child -> latest(folder).filter(p -> !p.endsWith("model.ckpt-0")).isPresent(), delayMillis);
  }

  @FunctionalInterface
  private interface Moment {
    boolean reached(Process child) throws IOException;
  }

  /** Starts the driver in a child JVM and kills it once {@code moment} came; whether it was killed. */
  private static boolean killWhen(List<String> args, Path folder, Moment moment, long delayMillis) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Rigl.class.getName()));
    command.addAll(args);
    Path log = Files.createDirectories(folder.getParent()).resolve("child-" + System.nanoTime() + ".log");
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.currentTimeMillis() + AIM_MILLIS;
      while (child.isAlive() && !moment.reached(child) && System.currentTimeMillis() < deadline) {
        Thread.sleep(1);
      }
      Thread.sleep(delayMillis);
    } finally {
      child.destroyForcibly(); // SIGKILL
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    int code = child.exitValue();
    // Killed (137), or it finished before the moment came.
    assertTrue(code == 137 || code == 0, () -> "child exit " + code + ": " + read(log));
    return code == 137;
  }

  /** Whether {@code folder} holds a temporary file of a save by process {@code pid}. */
  private static boolean hasTemporaryFile(Path folder, long pid) throws IOException {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.anyMatch(p -> p.getFileName().toString().contains(".tmp-" + pid + "-"));
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  private static Optional<Path> latest(Path folder) {
    try {
      return new CheckpointManager(folder, 0).latest();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void run(List<String> args) {
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
