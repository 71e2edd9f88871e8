package org.rigl.imagenet.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rigl.imagenet.GraphRunner;
import org.rigl.imagenet.TestData;
import org.rigl.imagenet.data.InputBatches;

/**
 * A training pipeline started at batch N gives exactly the batches an uninterrupted pass gives from
 * its batch N on: same records in the same shuffled order, same crops and flips.
 */
class InputPositionTest {
  private static final int BATCH = 8;
  /** Past the fixture's 64 records (the stream repeats), so the skip crosses an epoch. */
  private static final long START = 11;

  @Test
  void startingAtABatchReplaysTheUninterruptedStream() {
    List<float[]> images = new ArrayList<>();
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = ImageNetInput.build(g.tf, config(), "train_input");
      g.run(input.initializer());
      for (long i = 0; i < START + 2; i++) {
        images.add(g.floats(input.images()));
      }
    }
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = ImageNetInput.build(g.tf, config(), "train_input", g.tf.constant(START));
      g.run(input.initializer());
      for (int i = 0; i < 2; i++) {
        float[] image = g.floats(input.images());
        assertArrayEquals(images.get((int) START + i), image, "batch " + (START + i));
      }
    }
  }

  private static ImageNetInputConfig config() {
    return ImageNetInputConfig.of(TestData.fakeImageNet(), true, BATCH)
        .withSplit("train").withImageSize(16).withLabelOffset(0).withNumClasses(10).withNumParallelCalls(2).withSeed(7);
  }
}
