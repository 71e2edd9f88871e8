package org.rigl.tools.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.tools.CliRun;

/** {@code rigl convert ...} end to end: exit codes, outputs, and one-line errors. */
@Tag("fast")
class ConvertCommandTest {
  @TempDir Path dir;

  @Test
  void imagenetWritesShardsAndReportsLabels() throws IOException {
    Path raw = dir.resolve("raw");
    for (String synset : List.of("n02", "n01")) {
      for (int i = 0; i < 2; i++) {
        jpeg(raw.resolve("train").resolve(synset).resolve(synset + "_" + i + ".JPEG"));
      }
    }
    jpeg(raw.resolve("val/ILSVRC2012_val_00000001.JPEG"));
    jpeg(raw.resolve("val/ILSVRC2012_val_00000002.JPEG"));
    Files.write(raw.resolve("imagenet_2012_validation_synset_labels.txt"), List.of("n02", "n01"));
    Path out = dir.resolve("out");
    CliRun run = CliRun.of("convert", "imagenet", "--input_dir=" + raw, "--output_dir=" + out,
        "--train_shards=2", "--validation_shards=1", "--num_threads=2");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("train: 4 images of 2 synsets"), run.out());
    assertTrue(run.out().contains("labels: 1..2 by sorted synset"), run.out());
    assertEquals(List.of("train-00000-of-00002", "train-00001-of-00002", "validation-00000-of-00001"), names(out));
  }

  @Test
  void cifar10AndWikitextWriteTheirFiles() throws IOException {
    Path cifar = Files.createDirectories(dir.resolve("cifar"));
    byte[] record = new byte[3073];
    record[0] = 7;
    for (String name : List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch")) {
      Files.write(cifar.resolve(name + ".bin"), record);
    }
    CliRun run = CliRun.of("convert", "cifar10", "--input_dir=" + cifar, "--output_dir=" + dir.resolve("cifar_out"));
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of("test.tfrecord", "train.tfrecord"), names(dir.resolve("cifar_out")));

    String wikitext = CliRun.testdata("text/dummy_data/wikitext-103-raw");
    run = CliRun.of("convert", "wikitext", "--input_dir=" + wikitext, "--output_dir=" + dir.resolve("wiki"), "--seq_len=512");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("wrote wiki.test.tfrecord (5 records of up to 512 bytes)"), run.out());
  }

  @Test
  void badInputIsOneErrorLineAndExitCode2() throws IOException {
    Path missing = dir.resolve("missing");
    assertError("rigl: error: --input_dir " + missing + " does not exist",
        CliRun.of("convert", "imagenet", "--input_dir=" + missing, "--output_dir=" + dir.resolve("o")));
    assertError("rigl: error: --output_dir is required", CliRun.of("convert", "cifar10", "--input_dir=" + dir));

    Path raw = dir.resolve("raw");
    Path bad = raw.resolve("train/n01/n01_0.JPEG");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "garbage");
    assertError("rigl: error: " + bad + ": not a readable image",
        CliRun.of("convert", "imagenet", "--input_dir=" + raw, "--output_dir=" + dir.resolve("o"), "--train_shards=1"));
  }

  @Test
  void subcommandsExplainThemselves() {
    for (String name : List.of("imagenet", "cifar10", "wikitext")) {
      CliRun help = CliRun.of("convert", name, "--help");
      assertEquals(0, help.exitCode(), name);
      assertTrue(help.out().contains("Usage: rigl convert " + name), help.out());
    }
    assertTrue(CliRun.of("convert", "wikitext", "--help").out().contains("'bytes'"));
  }

  private static void assertError(String expectedStart, CliRun run) {
    assertEquals(2, run.exitCode(), run.out() + run.err());
    List<String> lines = run.err().lines().toList();
    assertEquals(1, lines.size(), run.err());
    assertTrue(lines.get(0).startsWith(expectedStart), run.err());
  }

  private static void jpeg(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_3BYTE_BGR);
    image.setRGB(1, 1, 0x336699);
    ImageIO.write(image, "jpeg", file.toFile());
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
