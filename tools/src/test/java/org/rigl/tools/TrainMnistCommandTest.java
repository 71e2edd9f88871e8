package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.checkpoint.OutputFolderLock;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.mask.WeightInitializer;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class TrainMnistCommandTest {
  private static final List<String> MASKS = List.of("layer1/mask", "layer2/mask", "layer3/mask");

  @TempDir Path tmp;

  /** Small IDX train (100 images) and test (50) sets in {@code tmp/data}. */
  private Path smallData() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    QuickstartCommandTest.writeIdx(data, "train", 100, 3);
    QuickstartCommandTest.writeIdx(data, "t10k", 50, 4);
    return data;
  }

  /** A short train-mnist run (batch 20) into {@code tmp/<out>}; fails the test if it fails. */
  private Path train(Path data, String out, String... flags) {
    List<String> args = new ArrayList<>(List.of("train-mnist", "--mnist=" + data, "--save_path=" + tmp.resolve(out),
        "--batch_size=20"));
    args.addAll(List.of(flags));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, run.exitCode(), run.err());
    return tmp.resolve(out);
  }

  @Test
  void pruningReachesTheTargetsAndLogsLikeTheReference() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    QuickstartCommandTest.writeIdx(data, "train", 1000, 3);
    QuickstartCommandTest.writeIdx(data, "t10k", 300, 4);
    CliRun run = CliRun.of("train-mnist", "--mnist=" + data, "--save_path=" + tmp.resolve("out"), "--training_method=prune",
        "--num_epochs=3", "--prune_begin_step=5", "--prune_end_step=20", "--pruning_frequency=5");
    assertEquals(0, run.exitCode(), run.err());
    String[] lines = run.out().split("\n");
    assertEquals("Epoch,Iteration,Test loss,Test accuracy,G_Sparsity,Sparsity Layer 0,Sparsity Layer 1", lines[0]);
    // 1000 images / batch 100 = 10 steps an epoch; at epoch 2 (iteration 29) pruning is complete.
    String last = run.out().lines().filter(l -> l.startsWith("2, 29, ")).findFirst().orElseThrow();
    String[] fields = last.split(", ");
    assertEquals("0.9800", fields[5], last);
    assertEquals("0.8820", fields[6], last);
    assertTrue(run.out().contains("[COMPRESSED SPARSITIES/SHAPE]: ["), run.out());
    assertTrue(Files.exists(tmp.resolve("out/model.ckpt.index")));
  }

  @Test
  void defaultFlagsLeaveTheReferencesFilesNamedAsItNamesThem() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    QuickstartCommandTest.writeIdx(data, "train", 200, 3);
    QuickstartCommandTest.writeIdx(data, "t10k", 50, 4);
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("train-mnist", "--mnist=" + data, "--save_path=" + out, "--training_method=rigl", "--num_epochs=2");
    assertEquals(0, run.exitCode(), run.err());
    List<String> printed = run.out().lines().toList();
    assertTrue(printed.get(printed.size() - 1).startsWith("final test accuracy "), run.out());
    // Every line the script prints, header and compressed-shape reports included, is in its log.
    List<String> log = Files.readAllLines(out.resolve("fc_100_0.2_0.9_momentum_0.0001_rigl_2000_30000_0.98_500_0.txt"));
    assertEquals(printed.subList(0, printed.size() - 1), log);
    assertEquals(5, log.size(), run.out());
    try (var files = Files.list(out)) {
      assertEquals(List.of("checkpoint", "fc_100_0.2_0.9_momentum_0.0001_rigl_2000_30000_0.98_500_0.txt",
              "model.ckpt.data-00000-of-00001", "model.ckpt.index"),
          files.map(p -> p.getFileName().toString())
              .filter(n -> !n.startsWith("events.out.tfevents.") && !n.equals(OutputFolderLock.FILE_NAME)).sorted().toList());
    }
  }

  @Test
  void aBaselineCheckpointHasNoInputMask() throws IOException {
    Path data = smallData();
    Path dense = train(data, "dense", "--train_steps=1");
    try (BundleDataReader ckpt = BundleDataReader.open(dense.resolve("model.ckpt"))) {
      assertTrue(ckpt.index().find("layer1/kernel").isPresent());
      assertFalse(ckpt.index().find("layer1/mask").isPresent());
    }
    assertInputMaskError(data, dense.toString(), "has no layer1/mask");
  }

  @Test
  void badFlagValuesAreNamed() {
    CliRun optimizer = CliRun.of("train-mnist", "--mnist=" + tmp, "--optimizer=rmsprop");
    assertEquals(2, optimizer.exitCode());
    assertTrue(optimizer.err().contains("rmsprop") && optimizer.err().contains("adam"), optimizer.err());
    CliRun method = CliRun.of("train-mnist", "--mnist=" + tmp, "--training_method=dnw");
    assertEquals(2, method.exitCode());
    assertTrue(method.err().contains("'dnw'"), method.err());
  }

  @Test
  void inputMaskKeepsThePixelsWithOutgoingConnections() throws IOException {
    Path data = smallData();
    // At 99.9% sparsity about three quarters of layer1's rows are empty.
    Path first = train(data, "first", "--training_method=scratch", "--end_sparsity=0.999", "--train_steps=2");
    int kept = nonZeroRows(readMask(first.resolve("model.ckpt"), "layer1/mask"), 300);
    assertTrue(kept > 50 && kept < 400, "kept " + kept);
    for (String location : new String[] {first.toString(), first.resolve("model.ckpt").toString()}) {
      Path second = train(data, "second", "--training_method=scratch", "--train_steps=2", "--input_mask_path=" + location);
      try (BundleDataReader ckpt = BundleDataReader.open(second.resolve("model.ckpt"))) {
        assertArrayEquals(new long[] {kept, 300}, ckpt.index().entry("layer1/weights").shape(), location);
        assertArrayEquals(new long[] {kept, 300}, ckpt.index().entry("layer1/mask").shape(), location);
      }
    }
  }

  @Test
  void badInputMasksAreOneLineErrorsNamingTheFlag() throws IOException {
    Path data = smallData();
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertInputMaskError(data, tmp.resolve("nothing").toString(), "nothing is neither a folder nor a checkpoint prefix");
    assertInputMaskError(data, empty.toString(), "empty holds no checkpoint state file");
    Path unmasked = saveCheckpoint("unmasked", "dense", Shape.of(784, 300));
    assertInputMaskError(data, unmasked.toString(), "has no layer1/mask");
    Path narrow = saveCheckpoint("narrow", "layer1", Shape.of(400, 300));
    assertInputMaskError(data, narrow.toString(), "has 400 rows but the images have 784 pixels");
  }

  private void assertInputMaskError(Path data, String location, String expected) {
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("train-mnist", "--mnist=" + data, "--save_path=" + out, "--training_method=scratch",
        "--input_mask_path=" + location);
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().startsWith("rigl: error: --input_mask_path"), run.err());
    assertTrue(run.err().strip().endsWith(expected), run.err());
    assertFalse(Files.exists(out), "bad input leaves no output folder");
  }

  /** A checkpoint folder holding one masked layer under {@code scope}, its mask all ones. */
  private Path saveCheckpoint(String folder, String scope, Shape shape) throws IOException {
    Path dir = tmp.resolve(folder);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      MaskedWeights layer = new MaskRegistry(0).create(tf, scope, shape, WeightInitializer.glorotUniform());
      new CheckpointManager(dir, 0).save(s, new CheckpointSaver(tf, List.of(layer.mask(), layer.weights())), 1);
    }
    return dir;
  }

  @Test
  void maskRecordsAreSavedEveryNIterations() throws IOException {
    Path data = smallData();
    // SET changes the masks in iterations 0 and 2; records are taken before iterations 0, 2 and 4 (of 6).
    Path out = train(data, "set", "--training_method=set", "--train_steps=6", "--maskupdate_frequency=2",
        "--maskupdate_end_step=3", "--mask_record_frequency=2");
    // Scratch starts from the same masks (drawn by seed and layer name) and never changes them.
    Path initial = train(data, "scratch", "--training_method=scratch", "--train_steps=1").resolve("model.ckpt");
    Map<String, byte[]> records = npzValues(out.resolve("mask_records.npz"));
    List<String> keys = new ArrayList<>();
    for (int iteration : new int[] {0, 2, 4}) {
      MASKS.forEach(mask -> keys.add(iteration + "/" + mask));
    }
    assertEquals(keys, List.copyOf(records.keySet()));
    Path checkpoint = out.resolve("model.ckpt");
    for (String mask : MASKS) {
      assertArrayEquals(asBytes(readMask(initial, mask)), records.get("0/" + mask), "iteration 0 is recorded before its update");
      assertArrayEquals(asBytes(readMask(checkpoint, mask)), records.get("4/" + mask), "the last record is the final " + mask);
      assertEquals(ones(records.get("4/" + mask)), ones(records.get("0/" + mask)), "SET keeps " + mask + "'s sparsity");
    }
    assertFalse(Arrays.equals(records.get("0/layer1/mask"), records.get("4/layer1/mask")), "the first record predates SET's update");
  }

  @Test
  void baselineHasNoMasksToRecord() throws IOException {
    Path out = train(smallData(), "dense", "--train_steps=2", "--mask_record_frequency=1");
    assertTrue(Files.exists(out.resolve("model.ckpt.index")));
    assertFalse(Files.exists(out.resolve("mask_records.npz")));
  }

  @Test
  void everyOptionIsDescribed() {
    CommandLine command = new CommandLine(new Rigl()).getSubcommands().get("train-mnist");
    for (OptionSpec option : command.getCommandSpec().options()) {
      assertFalse(String.join(" ", option.description()).isBlank(), option.longestName() + " has no description");
    }
    CliRun help = CliRun.of("train-mnist", "--help");
    assertEquals(0, help.exitCode());
    assertFalse(help.out().contains("${"), "defaults are filled in");
    assertTrue(help.out().contains("--input_mask_path"), help.out());
    assertTrue(help.out().contains("--mask_record_frequency"), help.out());
    assertTrue(help.out().contains("mask_records.npz"), help.out());
  }

  private static float[] readMask(Path checkpoint, String name) throws IOException {
    try (BundleDataReader reader = BundleDataReader.open(checkpoint)) {
      return reader.readFloats(name);
    }
  }

  private static int nonZeroRows(float[] mask, int columns) {
    int rows = 0;
    for (int start = 0; start < mask.length; start += columns) {
      for (int i = start; i < start + columns; i++) {
        if (mask[i] != 0) {
          rows++;
          break;
        }
      }
    }
    return rows;
  }

  private static byte[] asBytes(float[] mask) {
    byte[] bytes = new byte[mask.length];
    for (int i = 0; i < mask.length; i++) {
      bytes[i] = (byte) (mask[i] != 0 ? 1 : 0);
    }
    return bytes;
  }

  private static int ones(byte[] values) {
    int n = 0;
    for (byte b : values) {
      n += b;
    }
    return n;
  }

  /**
   * The values of every array of a .npz file by key, in archive order, after checking what np.load
   * needs: stored .npy entries with an NPY 1.0 bool header of the mask's shape, values 64-byte aligned.
   */
  private static Map<String, byte[]> npzValues(Path file) throws IOException {
    Map<String, long[]> shapes = Map.of("layer1/mask", new long[] {784, 300}, "layer2/mask", new long[] {300, 100},
        "layer3/mask", new long[] {100, 10});
    Map<String, byte[]> values = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        assertEquals(ZipEntry.STORED, entry.getMethod(), entry.getName());
        assertTrue(entry.getName().endsWith(".npy"), entry.getName());
        String key = entry.getName().substring(0, entry.getName().length() - ".npy".length());
        long[] shape = shapes.get(key.substring(key.indexOf('/') + 1));
        byte[] npy;
        try (InputStream in = zip.getInputStream(entry)) {
          npy = in.readAllBytes();
        }
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(npy, 8), key);
        int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64, key + ": values 64-byte aligned");
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        String dict = "{'descr': '|b1', 'fortran_order': False, 'shape': (" + shape[0] + ", " + shape[1] + "), }";
        assertEquals(dict + " ".repeat(headerLength - dict.length() - 1) + "\n", header, key);
        values.put(key, Arrays.copyOfRange(npy, 10 + headerLength, npy.length));
        assertEquals(shape[0] * shape[1], values.get(key).length, key);
      }
    }
    return values;
  }
}
