package org.rigl.imagenet.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.io.Examples;
import org.rigl.imagenet.cifar.Cifar10Files;
import org.tensorflow.proto.Example;

/** CIFAR-10 binary to TFDS-schema TFRecords: every pixel and label survives exactly. */
@Tag("fast")
class Cifar10ConverterTest {
  private static final int RECORDS_PER_FILE = 2;

  @TempDir Path dir;
  private Path input;
  private Path out;
  /** The raw records written, train files then test file. */
  private final List<byte[]> train = new ArrayList<>();
  private final List<byte[]> test = new ArrayList<>();

  @BeforeEach
  void writeBinaries() throws IOException {
    input = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
    out = dir.resolve("out");
    Random random = new Random(3);
    for (int batch = 1; batch <= 5; batch++) {
      write(input.resolve("data_batch_" + batch + ".bin"), random, train);
    }
    write(input.resolve("test_batch.bin"), random, test);
  }

  private static void write(Path file, Random random, List<byte[]> records) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < RECORDS_PER_FILE; i++) {
      byte[] record = new byte[Cifar10Files.RECORD_BYTES];
      random.nextBytes(record);
      record[0] = (byte) random.nextInt(10);
      records.add(record);
      bytes.write(record);
    }
    Files.write(file, bytes.toByteArray());
  }

  private Cifar10Converter.Result convert(Path from) throws IOException {
    return Cifar10Converter.convert(from, out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void pixelsLabelsAndIdsRoundTrip() throws IOException {
    // The unpacked archive's parent works too: the files are found in cifar-10-batches-bin/.
    Cifar10Converter.Result result = convert(dir);
    assertEquals(10, result.trainImages());
    assertEquals(2, result.testImages());
    assertEquals(List.of("test.tfrecord", "train.tfrecord"), OutputFiles.names(out));
    assertSame(train, OutputFiles.examples(out.resolve("train.tfrecord")), "train_");
    assertSame(test, OutputFiles.examples(out.resolve("test.tfrecord")), "test_");
  }

  private static void assertSame(List<byte[]> records, List<Example> examples, String idPrefix) {
    assertEquals(records.size(), examples.size());
    for (int i = 0; i < records.size(); i++) {
      byte[] record = records.get(i);
      Example example = examples.get(i);
      assertEquals(String.format("%s%05d", idPrefix, i), Examples.string(example, "id"));
      assertEquals(record[0], Examples.int64(example, "label"));
      byte[] png = Examples.bytes(example, "image");
      assertEquals(0x89, png[0] & 0xff, "PNG magic");
      Raster raster = TestImages.decode(png);
      assertEquals(32, raster.getWidth());
      assertEquals(32, raster.getHeight());
      assertEquals(3, raster.getNumBands());
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            int expected = record[1 + c * 1024 + y * 32 + x] & 0xff;
            assertEquals(expected, raster.getSample(x, y, c), "image " + i + " c" + c + " y" + y + " x" + x);
          }
        }
      }
    }
  }

  @Test
  void missingBatchFileIsNamed() throws IOException {
    Path third = input.resolve("data_batch_3.bin");
    Files.delete(third);
    assertFails("missing CIFAR-10 file " + third, () -> convert(input));
  }

  @Test
  void labelOutsideTenClassesIsNamedWithItsRecord() throws IOException {
    Path fourth = input.resolve("data_batch_4.bin");
    byte[] bytes = Files.readAllBytes(fourth);
    bytes[Cifar10Files.RECORD_BYTES] = 57;
    Files.write(fourth, bytes);
    assertFails(fourth + ": record 1 has label 57", () -> convert(input));
  }

  @Test
  void truncatedFileAndMissingOrFileDirectories() throws IOException {
    Path testBatch = input.resolve("test_batch.bin");
    byte[] bytes = Files.readAllBytes(testBatch);
    Files.write(testBatch, Arrays.copyOf(bytes, bytes.length - 5));
    assertFails(testBatch + ": " + (bytes.length - 5) + " bytes is not a whole number", () -> convert(input));
    assertFails("--input_dir " + dir.resolve("none") + " does not exist", () -> convert(dir.resolve("none")));
    Files.writeString(out, "a file");
    assertFails("--output_dir " + out + " is a file", () -> convert(input));
  }

  private void assertFails(String expected, Executable conversion) throws IOException {
    RuntimeException e = assertThrows(RuntimeException.class, conversion);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    if (Files.isDirectory(out)) {
      assertEquals(List.of(), OutputFiles.names(out), "nothing written");
    }
  }
}
