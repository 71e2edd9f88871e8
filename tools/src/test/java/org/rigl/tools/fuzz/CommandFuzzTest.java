package org.rigl.tools.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.tools.CliRun;

/**
 * Seeded mutations (bit flips, truncation, extension, zeroing, boundary values, TFRecord length
 * edits) of every kind of file the commands read: checkpoint index, data and state files, IDX,
 * CIFAR-10 and TFRecord files. Each case must end in success or in exactly one {@code rigl: error:}
 * line with exit code 2: no stack trace, no hang, no JVM crash, and no input file changed.
 */
class CommandFuzzTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Path FAKE_IMAGENET = Path.of(CliRun.testdata("tfrecords/fake_imagenet"));

  @TempDir static Path tmp;
  private static Path mnistData;
  private static Path mnistRun;

  @BeforeAll
  static void baseInputs() throws IOException {
    mnistData = Files.createDirectories(tmp.resolve("mnist"));
    writeIdx(mnistData, "train", 60, new Random(3));
    writeIdx(mnistData, "t10k", 20, new Random(4));
    mnistRun = tmp.resolve("mnist-run");
    expectSuccess(CliRun.of("train-mnist", "--mnist=" + mnistData, "--save_path=" + mnistRun, "--batch_size=20",
        "--train_steps=2", "--training_method=rigl", "--seed=1"));
  }

  @AfterAll
  static void noJvmCrashLog() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("."))) {
      assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).toList());
    }
  }

  @Test
  void ckptInspectOnDamagedIndexAndDataFiles() throws IOException {
    Random random = new Random(101);
    // A driver's checkpoint and a Python-written one with Snappy-compressed index blocks.
    Map<String, byte[]> driver = read(mnistRun, "model.ckpt.index", "model.ckpt.data-00000-of-00001");
    Map<String, byte[]> python = new LinkedHashMap<>();
    Path pythonDir = Path.of(CliRun.testdata("checkpoints/half_plus_two_tf1_snappy"));
    python.put("model.ckpt.index", Files.readAllBytes(pythonDir.resolve("variables.index")));
    python.put("model.ckpt.data-00000-of-00001", Files.readAllBytes(pythonDir.resolve("variables.data-00000-of-00001")));
    int failures = 0;
    for (int i = 0; i < 300; i++) {
      Map<String, byte[]> base = i % 3 == 2 ? python : driver;
      Path dir = Files.createDirectories(tmp.resolve("inspect-" + i));
      base.forEach((name, bytes) -> write(dir.resolve(name), bytes));
      String target = i % 2 == 0 ? "model.ckpt.index" : "model.ckpt.data-00000-of-00001";
      Mutations.Mutation m = Mutations.any(base.get(target), random);
      write(dir.resolve(target), m.bytes());
      CliRun run = runCase("inspect " + i + ": " + target + " " + m.description(), dir,
          "ckpt", "inspect", dir.resolve("model.ckpt").toString());
      failures += run.exitCode() == 2 ? 1 : 0;
      if (target.startsWith("model.ckpt.data") && !m.description().startsWith("append")
          && !java.util.Arrays.equals(m.bytes(), base.get(target))) {
        assertEquals(2, run.exitCode(), "damaged tensor bytes passed: " + m.description() + "\n" + run.out());
      }
    }
    assertTrue(failures > 120, failures + " failures");
  }

  @Test
  void trainMnistOnDamagedStateFileAndInputMaskCheckpoint() throws IOException {
    Random random = new Random(102);
    Map<String, byte[]> base = read(mnistRun, "checkpoint", "model.ckpt.index", "model.ckpt.data-00000-of-00001");
    String[] targets = {"checkpoint", "checkpoint", "checkpoint", "model.ckpt.index", "model.ckpt.data-00000-of-00001"};
    for (int i = 0; i < 15; i++) {
      Path dir = Files.createDirectories(tmp.resolve("mask-" + i));
      base.forEach((name, bytes) -> write(dir.resolve(name), bytes));
      String target = targets[i % targets.length];
      Mutations.Mutation m = Mutations.any(base.get(target), random);
      write(dir.resolve(target), m.bytes());
      runCase("input mask " + i + ": " + target + " " + m.description(), dir,
          "train-mnist", "--mnist=" + mnistData, "--save_path=" + tmp.resolve("mask-out-" + i), "--batch_size=20",
          "--train_steps=1", "--input_mask_path=" + dir);
    }
  }

  @Test
  void trainMnistOnDamagedIdxFiles() throws IOException {
    Random random = new Random(103);
    String[] names = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    Map<String, byte[]> plain = new LinkedHashMap<>();
    for (String name : names) {
      plain.put(name, gunzip(Files.readAllBytes(mnistData.resolve(name + ".gz"))));
    }
    for (int i = 0; i < 24; i++) {
      Path dir = Files.createDirectories(tmp.resolve("idx-" + i));
      boolean gzipped = i % 3 == 0;
      String target = names[i % names.length];
      Mutations.Mutation m = Mutations.any(gzipped ? gzip(plain.get(target)) : plain.get(target), random);
      for (String name : names) {
        byte[] bytes = name.equals(target) ? m.bytes() : gzipped ? gzip(plain.get(name)) : plain.get(name);
        write(dir.resolve(gzipped ? name + ".gz" : name), bytes);
      }
      runCase("idx " + i + ": " + target + (gzipped ? ".gz " : " ") + m.description(), dir,
          "train-mnist", "--mnist=" + dir, "--save_path=" + tmp.resolve("idx-out-" + i), "--batch_size=20",
          "--train_steps=1");
    }
  }

  @Test
  void trainCifarOnDamagedBatches() throws IOException {
    Random random = new Random(104);
    byte[] records = cifarRecords(random);
    String[] names = {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"};
    for (int i = 0; i < 4; i++) {
      Path dir = Files.createDirectories(tmp.resolve("cifar-" + i));
      String target = i % 2 == 0 ? "data_batch_1" : "test_batch";
      // Labels are the bytes most worth damaging: one in three cases writes a bad label.
      Mutations.Mutation m = i % 3 == 0 ? label(records, random) : Mutations.any(records, random);
      for (String name : names) {
        write(dir.resolve(name + ".bin"), name.equals(target) ? m.bytes() : records);
      }
      runCase("cifar " + i + ": " + target + " " + m.description(), dir,
          "train-cifar", "--data_directory=" + dir, "--train_dir=" + tmp.resolve("cifar-out-" + i), "--resnet_depth=10",
          "--resnet_width=1", "--batch_size=8", "--max_steps=1", "--checkpoint_steps=1", "--mode=train_and_eval",
          "--shuffle_buffer=24");
    }
  }

  @Test
  void trainCifarResumingFromADamagedCheckpointChangesNoCommittedFile() throws IOException {
    Random random = new Random(106);
    byte[] records = cifarRecords(random);
    Path data = Files.createDirectories(tmp.resolve("resume-data"));
    for (String name : List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch")) {
      write(data.resolve(name + ".bin"), records);
    }
    List<String> flags = List.of("train-cifar", "--data_directory=" + data, "--resnet_depth=10", "--resnet_width=1",
        "--batch_size=8", "--checkpoint_steps=1", "--mode=train", "--shuffle_buffer=24");
    Path first = tmp.resolve("resume-0");
    expectSuccess(CliRun.of(with(flags, "--train_dir=" + first, "--max_steps=1")));
    Path checkpoints;
    try (Stream<Path> files = Files.walk(first)) {
      checkpoints = files.filter(p -> p.getFileName().toString().equals("checkpoint")).findFirst().orElseThrow().getParent();
    }
    String[] targets = {"checkpoint", "model.ckpt-1.index", "model.ckpt-1.data-00000-of-00001"};
    for (int i = 0; i < targets.length; i++) {
      Path out = tmp.resolve("resume-" + (i + 1));
      Path dir = out.resolve(first.relativize(checkpoints));
      Files.createDirectories(dir);
      for (Path file : snapshot(checkpoints).keySet()) {
        write(dir.resolve(file.getFileName()), Files.readAllBytes(file));
      }
      Mutations.Mutation m = targets[i].equals("checkpoint")
          ? Mutations.truncate(Files.readAllBytes(checkpoints.resolve(targets[i])), random)
          : Mutations.flipBits(Files.readAllBytes(checkpoints.resolve(targets[i])), random, 1);
      write(dir.resolve(targets[i]), m.bytes());
      Map<Path, byte[]> before = snapshot(dir);
      CliRun run = runCase("resume " + i + ": " + targets[i] + " " + m.description(), data,
          with(flags, "--train_dir=" + out, "--max_steps=2"));
      if (run.exitCode() != 0) {
        Map<Path, byte[]> after = snapshot(dir);
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), "a failed resume changed " + file));
      }
    }
  }

  /** 24 CIFAR-10 records of random pixels, labels 0..9 in turn. */
  private static byte[] cifarRecords(Random random) {
    byte[] records = new byte[24 * 3073];
    random.nextBytes(records);
    for (int i = 0; i < 24; i++) {
      records[i * 3073] = (byte) (i % 10);
    }
    return records;
  }

  private static String[] with(List<String> flags, String... more) {
    List<String> all = new ArrayList<>(flags);
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  @Test
  void trainImageOnDamagedShards() throws IOException {
    Random random = new Random(105);
    List<Path> shards;
    try (Stream<Path> files = Files.list(FAKE_IMAGENET)) {
      shards = files.sorted().toList();
    }
    for (int i = 0; i < 3; i++) {
      Path dir = Files.createDirectories(tmp.resolve("image-" + i));
      Path target = shards.get(random.nextInt(shards.size()));
      byte[] bytes = Files.readAllBytes(target);
      Mutations.Mutation m = i % 2 == 0 ? Mutations.tfRecordLength(bytes, random) : Mutations.any(bytes, random);
      for (Path shard : shards) {
        write(dir.resolve(shard.getFileName()), shard.equals(target) ? m.bytes() : Files.readAllBytes(shard));
      }
      runCase("image " + i + ": " + target.getFileName() + " " + m.description(), dir,
          "train-image", "--mode=train", "--data_directory=" + dir, "--output_dir=" + tmp.resolve("image-out-" + i),
          "--use_folder_stub=false", "--resnet_depth=18", "--width=0.125", "--image_size=32", "--label_offset=0",
          "--num_label_classes=10", "--training_method=rigl", "--end_sparsity=0.8",
          "--mask_init_method=erdos_renyi_kernel", "--train_batch_size=8", "--num_train_images=64", "--train_steps=2",
          "--steps_per_checkpoint=2", "--num_parallel_calls=1", "--seed=3");
    }
  }

  /** Runs one case on the inputs in {@code inputs} and checks how it ended and that no input changed. */
  private static CliRun runCase(String name, Path inputs, String... args) throws IOException {
    Map<Path, byte[]> before = snapshot(inputs);
    CliRun run = assertTimeoutPreemptively(LIMIT, () -> CliRun.of(args), name);
    if (run.exitCode() == 0) {
      assertTrue(!run.err().contains("Exception") && !run.err().contains("\tat "), name + ": " + run.err());
    } else {
      assertEquals(2, run.exitCode(), name + ": " + run.err());
      // Drivers may print progress lines before failing; the failure itself is one last line.
      List<String> lines = run.err().strip().lines().toList();
      long errors = lines.stream().filter(l -> l.startsWith("rigl: error: ")).count();
      if (errors != 1 || !lines.get(lines.size() - 1).startsWith("rigl: error: ")
          || lines.stream().anyMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread"))) {
        fail(name + ": not a one-line error:\n" + run.err());
      }
    }
    System.out.println(name + " -> " + run.exitCode() + " " + run.err().strip().lines().reduce((a, b) -> b).orElse(""));
    Map<Path, byte[]> after = snapshot(inputs);
    assertEquals(before.keySet(), after.keySet(), name);
    before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), name + ": changed " + file));
    return run;
  }

  private static void expectSuccess(CliRun run) {
    assertEquals(0, run.exitCode(), run.err());
  }

  /** A CIFAR record's label byte set to a value outside the ten classes. */
  private static Mutations.Mutation label(byte[] records, Random random) {
    byte[] out = records.clone();
    int record = random.nextInt(records.length / 3073);
    int value = 10 + random.nextInt(246);
    out[record * 3073] = (byte) value;
    return new Mutations.Mutation("label of record " + record + " set to " + value, out);
  }

  private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.sorted().toList()) {
        files.put(p, Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static Map<String, byte[]> read(Path dir, String... names) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : names) {
      files.put(name, Files.readAllBytes(dir.resolve(name)));
    }
    return files;
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Gzipped IDX images (28x28, random pixels) and labels (0..9) of {@code count} examples. */
  private static void writeIdx(Path dir, String prefix, int count, Random random) throws IOException {
    java.nio.ByteBuffer images = java.nio.ByteBuffer.allocate(16 + count * 784);
    images.putInt(0x803).putInt(count).putInt(28).putInt(28);
    byte[] pixels = new byte[count * 784];
    random.nextBytes(pixels);
    images.put(pixels);
    java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(8 + count);
    labels.putInt(0x801).putInt(count);
    for (int i = 0; i < count; i++) {
      labels.put((byte) random.nextInt(10));
    }
    write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), gzip(images.array()));
    write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), gzip(labels.array()));
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
