package org.rigl.imagenet.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.mask.WeightInitializer;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/** --input_mask_path keeps the pixels whose row of layer1/mask has a non-zero, in order. */
@Tag("fast")
class InputMaskTest {
  @TempDir Path dir;

  /** Saves a [4, 3] layer1/mask whose rows 0 and 2 are empty as {@code dir/model.ckpt-1}. */
  private void saveMask() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      MaskedWeights layer = new MaskRegistry(0).create(tf, "layer1", Shape.of(4, 3), WeightInitializer.glorotUniform());
      s.run(tf.assign(layer.mask(), tf.constant(new float[][] {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}, {1, 1, 0}})));
      new CheckpointManager(dir, 0).save(s, new CheckpointSaver(tf, List.of(layer.mask(), layer.weights())), 1);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void keepsThePixelsWithAnOutgoingConnection() throws IOException {
    saveMask();
    IdxDataset data = new IdxDataset(new float[][] {{10, 11, 12, 13}, {20, 21, 22, 23}}, new int[] {3, 7});
    for (String location : new String[] {dir.toString(), dir.resolve("model.ckpt-1").toString()}) {
      InputMask mask = InputMask.read(location);
      assertEquals(2, mask.keptPixels(), location);
      IdxDataset kept = mask.apply(data);
      assertArrayEquals(new float[] {11, 13}, kept.images()[0]);
      assertArrayEquals(new float[] {21, 23}, kept.images()[1]);
      assertSame(data.labels(), kept.labels());
      assertEquals(2, kept.pixels());
    }
  }

  @Test
  void imagesOfAnotherWidthAreRejected() throws IOException {
    saveMask();
    InputMask mask = InputMask.read(dir.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> mask.apply(new IdxDataset(new float[][] {new float[784]}, new int[] {0})));
    assertTrue(e.getMessage().startsWith("--input_mask_path: layer1/mask of "), e.getMessage());
    assertTrue(e.getMessage().endsWith("has 4 rows but the images have 784 pixels"), e.getMessage());
  }
}
