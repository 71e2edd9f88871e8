package org.rigl.imagenet.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.imagenet.GraphRunner;
import org.rigl.imagenet.TestData;
import org.rigl.imagenet.data.InputBatches;
import org.tensorflow.Result;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The pipeline over the Python-written fixture: 8 shards x 64 records, labels 0..9. */
@Tag("fast")
class ImageNetFixtureTest {
  private static final int SIZE = 64;

  private static ImageNetInputConfig config(boolean training, int batch) {
    return ImageNetInputConfig.of(TestData.fakeImageNet(), training, batch)
        .withSplit("train")
        .withImageSize(SIZE)
        .withLabelOffset(0)
        .withNumClasses(10)
        .withNumParallelCalls(2)
        .withSeed(7);
  }

  @Test
  void trainingBatchesHaveTheModelShapesAndLabelsInRange() {
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = ImageNetInput.build(g.tf, config(true, 32), "train_input");
      assertEquals(Shape.of(32, SIZE, SIZE, 3), input.images().shape());
      assertEquals(Shape.of(32), input.labels().shape());
      g.run(input.initializer());
      // 20 batches = 640 images: more than the 512 records, so the repeat is exercised too.
      for (int step = 0; step < 20; step++) {
        try (Result r = g.session.runner().fetch(input.images()).fetch(input.labels()).run()) {
          assertEquals(Shape.of(32, SIZE, SIZE, 3), r.get(0).shape());
          for (int label : GraphRunner.toInts((TInt32) r.get(1))) {
            assertTrue(label >= 0 && label < 10, "label " + label);
          }
        }
      }
    }
  }

  @Test
  void evaluationReadsEveryRecordOnceInFullBatches() {
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = ImageNetInput.build(g.tf, config(false, 64), "eval_input");
      int[] perLabel = new int[10];
      g.run(input.initializer());
      int batches = 0;
      while (true) {
        try (Result r = g.session.runner().fetch(input.images()).fetch(input.labels()).run()) {
          for (int label : GraphRunner.toInts((TInt32) r.get(1))) {
            perLabel[label]++;
          }
          assertUniformGrayImages(GraphRunner.toFloats((TFloat32) r.get(0)), 64);
          batches++;
        } catch (TFOutOfRangeException end) {
          break;
        }
      }
      assertEquals(8, batches);
      assertEquals(512, Arrays.stream(perLabel).sum());
      assertArrayEquals(FixtureLabels.countsPerLabel(), perLabel);
    }
  }

  @Test
  void sameSeedSameBatchesOtherSeedOtherBatches() {
    float[] first = firstTrainingBatch(7);
    assertArrayEquals(first, firstTrainingBatch(7));
    assertFalse(Arrays.equals(first, firstTrainingBatch(8)));
  }

  @Test
  void rerunningTheInitializerRestartsEvaluation() {
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = ImageNetInput.build(g.tf, config(false, 16), "eval_input");
      g.run(input.initializer());
      int[] first = g.ints(input.labels());
      g.run(input.initializer());
      assertArrayEquals(first, g.ints(input.labels()));
      assertThrows(TFOutOfRangeException.class, () -> {
        for (int i = 0; i < 40; i++) {
          g.ints(input.labels());
        }
      });
    }
  }

  @Test
  void trainingAndEvaluationPipelinesShareOneGraph() {
    try (GraphRunner g = new GraphRunner()) {
      InputBatches train = ImageNetInput.build(g.tf, config(true, 8), "train_input");
      InputBatches eval = ImageNetInput.build(g.tf, config(false, 8), "eval_input");
      g.run(train.initializer());
      g.run(eval.initializer());
      assertEquals(8, g.ints(train.labels()).length);
      assertEquals(8, g.ints(eval.labels()).length);
      // A failure elsewhere in the graph is not the input's: explain returns it unchanged.
      RuntimeException unrelated = new IllegalStateException("something else failed");
      assertEquals(unrelated, train.explain(unrelated));
    }
  }

  private static float[] firstTrainingBatch(long seed) {
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = ImageNetInput.build(g.tf, config(true, 8).withSeed(seed), "train_input");
      g.run(input.initializer());
      return g.floats(input.images());
    }
  }

  /** The fixture's JPEGs are uniform gray: after crop and resize each image stays (nearly) flat. */
  private static void assertUniformGrayImages(float[] batch, int images) {
    int pixels = SIZE * SIZE * 3;
    for (int i = 0; i < images; i++) {
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (int p = i * pixels; p < (i + 1) * pixels; p += 3) {
        min = Math.min(min, batch[p]);
        max = Math.max(max, batch[p]);
      }
      // One gray level is 1/58.4 after normalisation; JPEG noise stays within a few levels.
      assertTrue(max - min < 0.1f, "image " + i + " spans " + min + ".." + max);
    }
  }
}
