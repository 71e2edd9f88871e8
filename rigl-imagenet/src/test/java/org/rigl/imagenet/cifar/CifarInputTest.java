package org.rigl.imagenet.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.imagenet.GraphRunner;
import org.rigl.imagenet.data.BadInputException;
import org.rigl.imagenet.data.InputBatches;
import org.tensorflow.Result;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The CIFAR-10 binary reader and pipeline on small files written here. */
@Tag("fast")
class CifarInputTest {
  private static final int PIXELS = 32 * 32 * 3;

  @TempDir Path dir;

  @Test
  void evaluationReadsLabelsAndStandardisedImagesInOrder() {
    CifarFiles.write(dir.resolve("test_batch.bin"), 0, 3, 0, 9);
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = CifarInput.build(g.tf, CifarInputConfig.of(dir, false, 3).withNumParallelCalls(2), "cifar_eval");
      assertEquals(Shape.of(3, 32, 32, 3), input.images().shape());
      g.run(input.initializer());
      try (Result r = g.session.runner().fetch(input.images()).fetch(input.labels()).run()) {
        assertArrayEquals(new int[] {3, 0, 9}, GraphRunner.toInts((TInt32) r.get(1)));
        float[] images = GraphRunner.toFloats((TFloat32) r.get(0));
        for (int i = 0; i < 3; i++) {
          assertArrayEquals(CifarFiles.standardized(i), Arrays.copyOfRange(images, i * PIXELS, (i + 1) * PIXELS), 2e-4f);
        }
      }
      assertThrows(TFOutOfRangeException.class, () -> g.ints(input.labels()));
    }
  }

  @Test
  void theArchiveFolderIsFoundToo() {
    CifarFiles.write(dir.resolve("cifar-10-batches-bin/test_batch.bin"), 0, 1);
    assertEquals(java.util.List.of(dir.resolve("cifar-10-batches-bin/test_batch.bin")), Cifar10Files.of(dir, false));
  }

  @Test
  void trainingImagesArePaddedCroppedFlippedPixelsOfTheirImageAndSeeded() {
    for (int b = 1; b <= 5; b++) {
      // Labels identify the image: image k has label k.
      CifarFiles.write(dir.resolve("data_batch_" + b + ".bin"), 2 * (b - 1), 2 * (b - 1), 2 * (b - 1) + 1);
    }
    float[] first = trainingBatch(5);
    assertArrayEquals(first, trainingBatch(5));
    assertFalse(Arrays.equals(first, trainingBatch(6)));
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = CifarInput.build(g.tf, training(5, 10), "cifar_train");
      g.run(input.initializer());
      try (Result r = g.session.runner().fetch(input.images()).fetch(input.labels()).run()) {
        int[] labels = GraphRunner.toInts((TInt32) r.get(1));
        float[] images = GraphRunner.toFloats((TFloat32) r.get(0));
        for (int i = 0; i < labels.length; i++) {
          assertTrue(onlyMovesPixels(CifarFiles.standardized(labels[i]), images, i * PIXELS), "image " + i + " only moves its own pixels");
        }
      }
    }
  }

  @Test
  void aFileOfPartialRecordsIsNamed() throws Exception {
    Path file = Files.write(dir.resolve("test_batch.bin"), new byte[Cifar10Files.RECORD_BYTES + 5]);
    BadInputException e = assertThrows(BadInputException.class, () -> Cifar10Files.of(dir, false));
    assertEquals(file + ": 3078 bytes is not a whole number of 3073-byte CIFAR-10 records", e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    CifarFiles.write(dir.resolve("data_batch_1.bin"), 0, 1);
    BadInputException e = assertThrows(BadInputException.class, () -> Cifar10Files.of(dir, true));
    assertEquals("missing CIFAR-10 file " + dir.resolve("data_batch_2.bin"), e.getMessage());
  }

  @Test
  void aLabelOutsideTheTenClassesNamesTheFileAndRecord() {
    Path file = CifarFiles.write(dir.resolve("test_batch.bin"), 0, 1, 2, 12, 3);
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = CifarInput.build(g.tf, CifarInputConfig.of(dir, false, 4).withNumParallelCalls(2), "cifar_eval");
      g.run(input.initializer());
      RuntimeException failure = assertThrows(RuntimeException.class, () -> g.ints(input.labels()));
      RuntimeException explained = input.explain(failure);
      assertInstanceOf(BadInputException.class, explained);
      assertEquals(file + ": record 2: label 12 minus --label_offset=0 is 12, outside [0, 10)", explained.getMessage());
    }
  }

  /** A small shuffle buffer: the reference's 50,000 over 10 repeated images is slow to fill. */
  private CifarInputConfig training(long seed, int batch) {
    return CifarInputConfig.of(dir, true, batch).withSeed(seed).withNumParallelCalls(2).withShuffleBuffer(16);
  }

  private float[] trainingBatch(long seed) {
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = CifarInput.build(g.tf, training(seed, 4), "cifar_train");
      g.run(input.initializer());
      return g.floats(input.images());
    }
  }

  /** Every RGB pixel of {@code out[from..]} is (within float error) some pixel of {@code source}. */
  private static boolean onlyMovesPixels(float[] source, float[] out, int from) {
    for (int p = from; p < from + PIXELS; p += 3) {
      boolean found = false;
      for (int q = 0; q < PIXELS && !found; q += 3) {
        found = Math.abs(out[p] - source[q]) < 1e-3f && Math.abs(out[p + 1] - source[q + 1]) < 1e-3f && Math.abs(out[p + 2] - source[q + 2]) < 1e-3f;
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
