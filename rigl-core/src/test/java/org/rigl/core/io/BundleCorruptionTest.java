package org.rigl.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Damaged copies of the Python-written checkpoints must fail with one-line, file-naming errors. */
@Tag("fast")
class BundleCorruptionTest {
  @TempDir Path dir;

  /** Copies the checkpoint's index and data files into the temp dir; returns the copied prefix. */
  private Path copyCheckpoint(String folder, String prefixName) throws IOException {
    Path source = TestData.path("checkpoints/" + folder);
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    return dir.resolve(prefixName);
  }

  private static Path index(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".index");
  }

  private static Path data(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".data-00000-of-00001");
  }

  private static void flipByte(Path file, int position) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[position] ^= 0x10;
    Files.write(file, bytes);
  }

  private static void truncate(Path file, int keep) throws IOException {
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), keep));
  }

  private static void assertOneLine(Exception e, Path file, String... fragments) {
    String message = e.getMessage();
    assertFalse(message.contains("\n"), message);
    assertTrue(message.contains(file.toString()), "file missing from: " + message);
    for (String fragment : fragments) {
      assertTrue(message.contains(fragment), "'" + fragment + "' missing from: " + message);
    }
  }

  @Test
  void flippedByteInASnappyIndexBlockFailsTheBlockChecksum() throws IOException {
    Path prefix = copyCheckpoint("half_plus_two_tf1_snappy", "variables");
    flipByte(index(prefix), 20);
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> BundleIndexReader.read(prefix));
    assertOneLine(e, index(prefix), "data block at offset 0", "checksum mismatch");
    assertEquals(index(prefix), e.file());
  }

  @Test
  void flippedByteInAnUncompressedIndexBlockFailsTheBlockChecksum() throws IOException {
    Path prefix = copyCheckpoint("half_plus_two_conv_uncompressed", "variables");
    flipByte(index(prefix), 40);
    assertOneLine(
        assertThrows(CorruptCheckpointException.class, () -> BundleIndexReader.read(prefix)),
        index(prefix), "checksum mismatch");
  }

  @Test
  void truncatedIndexNamesTheFile() throws IOException {
    Path prefix = copyCheckpoint("estimator_dnn", "model.ckpt-0");
    int size = (int) Files.size(index(prefix));
    truncate(index(prefix), size - 1);
    assertOneLine(assertThrows(CorruptCheckpointException.class, () -> BundleIndexReader.read(prefix)),
        index(prefix), "bad magic");
    truncate(index(prefix), 30);
    assertOneLine(assertThrows(CorruptCheckpointException.class, () -> BundleIndexReader.read(prefix)),
        index(prefix), "too short");
  }

  @Test
  void indexCutBeforeItsBlocksEndNamesTheFile() throws IOException {
    Path prefix = copyCheckpoint("estimator_dnn", "model.ckpt-0");
    byte[] bytes = Files.readAllBytes(index(prefix));
    // Keep the footer but drop the first half of the file: block handles now point past the end.
    byte[] cut = Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length);
    Files.write(index(prefix), cut);
    assertOneLine(assertThrows(CorruptCheckpointException.class, () -> BundleIndexReader.read(prefix)),
        index(prefix), "truncated?");
  }

  @Test
  void flippedByteInTensorDataNamesFileAndTensor() throws IOException {
    Path prefix = copyCheckpoint("half_plus_two_tf1_snappy", "variables");
    flipByte(data(prefix), 9); // inside "b" (bytes 8..11)
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      assertEquals(0.5f, reader.readFloat("a"), "undamaged tensors still read");
      CorruptCheckpointException e =
          assertThrows(CorruptCheckpointException.class, () -> reader.readFloat("b"));
      assertOneLine(e, data(prefix), "tensor 'b'", "checksum mismatch");
      assertEquals("b", e.tensorName());
    }
  }

  @Test
  void flippedStringLengthFailsTheLengthChecksum() throws IOException {
    Path prefix = copyCheckpoint("half_plus_two_tf2_snappy", "variables");
    flipByte(data(prefix), 13); // second byte of the object graph's varint length (offset 12)
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      CorruptCheckpointException e = assertThrows(
          CorruptCheckpointException.class, () -> reader.readString("_CHECKPOINTABLE_OBJECT_GRAPH"));
      assertOneLine(e, data(prefix), "tensor '_CHECKPOINTABLE_OBJECT_GRAPH'");
    }
  }

  @Test
  void flippedStringByteFailsTheTensorChecksum() throws IOException {
    Path prefix = copyCheckpoint("half_plus_two_tf2_snappy", "variables");
    flipByte(data(prefix), 400);
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      CorruptCheckpointException e = assertThrows(
          CorruptCheckpointException.class, () -> reader.readBytes("_CHECKPOINTABLE_OBJECT_GRAPH"));
      assertOneLine(e, data(prefix), "tensor '_CHECKPOINTABLE_OBJECT_GRAPH'", "checksum mismatch");
      assertEquals(3.0f, reader.readFloat("c/.ATTRIBUTES/VARIABLE_VALUE"));
    }
  }

  @Test
  void truncatedDataFileNamesFileAndTensor() throws IOException {
    Path prefix = copyCheckpoint("keras_adam_tf2", "variables");
    truncate(data(prefix), 1000);
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      assertEquals(32, reader.readFloats("layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE").length);
      String late = "layer_with_weights-2/kernel/.OPTIMIZER_SLOT/optimizer/v/.ATTRIBUTES/VARIABLE_VALUE";
      CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> reader.readFloats(late));
      assertOneLine(e, data(prefix), "tensor '" + late + "'", "truncated", "file has 1000");
    }
  }

  @Test
  void missingDataFileNamesFileAndTensor() throws IOException {
    Path prefix = copyCheckpoint("estimator_dnn", "model.ckpt-0");
    Files.delete(data(prefix));
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      assertEquals(60, reader.index().entries().size(), "the index alone still reads");
      NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> reader.readLong("global_step"));
      assertOneLine(e, data(prefix), "tensor 'global_step'");
    }
  }

  static Stream<String> checkpointFolders() {
    return Stream.of(
        "half_plus_two_tf1_snappy/variables",
        "half_plus_two_tf2_snappy/variables",
        "half_plus_two_conv_uncompressed/variables",
        "estimator_dnn/model.ckpt-0",
        "keras_adam_tf2/variables");
  }

  /**
   * Flips each byte of the index in turn: the reader must either report corruption naming the file
   * or (for bytes it never reads: footer padding, the unused meta-index block) return the same
   * index; never fail any other way.
   */
  @ParameterizedTest
  @MethodSource("checkpointFolders")
  void everySingleByteFlipOfTheIndexIsDetectedOrHarmless(String checkpoint) throws IOException {
    Path original = TestData.path("checkpoints/" + checkpoint + ".index");
    CheckpointIndex expected = BundleIndexReader.read(original);
    byte[] bytes = Files.readAllBytes(original);
    Path damaged = dir.resolve("damaged.index");
    int detected = 0;
    for (int position = 0; position < bytes.length; position++) {
      byte[] copy = bytes.clone();
      copy[position] ^= (byte) 0x81;
      Files.write(damaged, copy);
      try {
        CheckpointIndex read = BundleIndexReader.read(damaged);
        assertEquals(expected.entries(), read.entries(), "byte " + position);
        assertEquals(expected.header(), read.header(), "byte " + position);
      } catch (CorruptCheckpointException e) {
        assertOneLine(e, damaged);
        detected++;
      } catch (RuntimeException | IOException e) {
        fail("byte " + position + " of " + checkpoint + ": unexpected " + e, e);
      }
    }
    assertTrue(detected > bytes.length - 60, detected + " of " + bytes.length + " flips detected");
  }
}
