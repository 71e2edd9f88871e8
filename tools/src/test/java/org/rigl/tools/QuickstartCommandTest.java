package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart end to end in a reduced mode, on IDX files the test writes in the real format. */
class QuickstartCommandTest {

  /** Writes a learnable MNIST-shaped set: class c lights up pixel band c. */
  static void writeIdx(Path dir, String prefix, int count, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int[] labels = new int[count];
    try (DataOutputStream out = gz(dir.resolve(prefix + "-images-idx3-ubyte.gz"))) {
      out.writeInt(0x803);
      out.writeInt(count);
      out.writeInt(28);
      out.writeInt(28);
      for (int i = 0; i < count; i++) {
        labels[i] = random.nextInt(10);
        for (int p = 0; p < 784; p++) {
          boolean band = p / 78 == labels[i];
          out.writeByte(band ? 200 + random.nextInt(56) : random.nextInt(40));
        }
      }
    }
    try (DataOutputStream out = gz(dir.resolve(prefix + "-labels-idx1-ubyte.gz"))) {
      out.writeInt(0x801);
      out.writeInt(count);
      for (int label : labels) {
        out.writeByte(label);
      }
    }
  }

  private static DataOutputStream gz(Path file) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    return new DataOutputStream(new GZIPOutputStream(raw));
  }

  @Test
  void trainsEveryMethodAndWritesJson(@TempDir Path tmp) throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    writeIdx(data, "train", 2000, 1);
    writeIdx(data, "t10k", 500, 2);
    Path out = tmp.resolve("out");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(printed, true));
    int code;
    try {
      code = Rigl.run("quickstart", "--data_dir=" + data, "--output_dir=" + out, "--train_steps=150", "--seeds=2");
    } finally {
      System.setOut(stdout);
    }
    assertEquals(0, code);
    String json = Files.readString(out.resolve("quickstart.json"));
    for (String method : new String[] {"rigl", "set", "static", "scratch", "dense"}) {
      assertTrue(json.contains("\"method\": \"" + method + "\""), json);
    }
    // Each method over two seeds; dense keeps every unit live.
    assertTrue(json.contains("\"seeds\": 2") && json.contains("\"test_accuracy_std\": "), json);
    assertTrue(json.contains("\"live_units\": [784.00, 300.00, 100.00, 10.00]"), json);
    String table = printed.toString();
    assertTrue(table.contains("live_units") && table.contains("+-") && table.contains("(2)"), table);
    assertTrue(table.contains("is the most accurate at") && table.contains("RigL ends with"), table);
    // layer1 98% and layer2 88.2% sparse, layer3 dense: 4704 + 3540 + 1000 = 9244 weights.
    assertTrue(json.contains("\"params\": 9244"), json);
    assertTrue(json.contains("\"params\": 266200"), json);
    assertTrue(json.contains("\"flops_ratio\": 1.000000"), "dense counts as 1: " + json);
    assertTrue(json.contains("\"flops_ratio\": 0.03"), "the sparse MLP needs ~3.5% of the FLOPs: " + json);
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("is the most accurate at") && html.contains("live units per layer"), html);
    for (String png : new String[] {"accuracy.png", "sparsity.png", "drop_fraction.png", "mask_rigl_before.png", "mask_rigl_after.png",
        "live_units_0.png", "live_units_1.png", "live_units_2.png"}) {
      assertTrue(html.contains(png), png);
      byte[] bytes = Files.readAllBytes(out.resolve(png));
      assertEquals((byte) 0x89, bytes[0], png + " is a PNG");
      assertEquals('P', bytes[1]);
    }
    try (var events = Files.list(out.resolve("rigl").resolve("seed_1"))) {
      assertTrue(events.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents.")), "TensorBoard events");
    }
    for (String line : json.split("\n")) {
      if (line.contains("test_accuracy")) {
        double accuracy = Double.parseDouble(line.replaceAll(".*\"test_accuracy\": ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.9, "the bands are learnable: " + line);
      }
    }
  }

  @Test
  void theBundledSubsetIsRealFashionMnist() throws IOException {
    Path bundled = FashionMnistLocator.bundled().orElseThrow();
    var train = org.rigl.imagenet.mnist.IdxDataset.read(bundled, "train");
    var test = org.rigl.imagenet.mnist.IdxDataset.read(bundled, "t10k");
    assertEquals(8000, train.size());
    assertEquals(2000, test.size());
    // Fashion-MNIST's first training image is an ankle boot (class 9), its first test image too.
    assertEquals(9, train.labels()[0]);
    assertEquals(9, test.labels()[0]);
  }

  @Test
  void badInputIsOneLineAndNonZero(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true));
    try {
      assertEquals(2, Rigl.run("quickstart", "--data_dir=" + tmp, "--output_dir=" + file));
      assertEquals(2, Rigl.run("quickstart", "--data_dir=" + tmp.resolve("missing"), "--output_dir=" + tmp.resolve("o")));
      assertEquals(2, Rigl.run("quickstart", "--methods=foo", "--data_dir=" + tmp));
      assertEquals(2, Rigl.run("quickstart", "--seeds=0", "--data_dir=" + tmp));
    } finally {
      System.setErr(old);
    }
    String text = err.toString();
    assertTrue(text.contains("is a file, not a directory"), text);
    assertTrue(text.contains("missing data file"), text);
    assertTrue(text.contains("'foo' is not valid") && text.contains("scratch"), text);
    assertTrue(text.contains("--seeds must be positive"), text);
    assertFalse(text.contains("\tat "), "no stack traces: " + text);
  }
}
