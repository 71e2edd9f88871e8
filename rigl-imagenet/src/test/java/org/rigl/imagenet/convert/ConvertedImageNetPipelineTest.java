package org.rigl.imagenet.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.imagenet.GraphRunner;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.imagenet.input.ImageNetInput;
import org.rigl.imagenet.input.ImageNetInputConfig;
import org.tensorflow.Result;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TInt32;

/** The project's in-graph ImageNet input reads converted shards with its default label offset 1. */
@Tag("fast")
class ConvertedImageNetPipelineTest {
  @TempDir Path dir;

  @Test
  void validationAndTrainingShardsDecodeWithLabelsFromZero() throws IOException {
    RawImageNetTree tree = RawImageNetTree.write(dir.resolve("raw"));
    Path out = dir.resolve("out");
    ImageNetConverterTest.convert(ImageNetConversion.of(tree.root, out).withShards(3, 2).withNumThreads(2));

    int[] validation = allLabels(ImageNetInputConfig.of(out, false, 3).withImageSize(32).withNumClasses(3));
    int[] expected =
        RawImageNetTree.VALIDATION_SYNSETS.stream().mapToInt(RawImageNetTree.SYNSETS::indexOf).sorted().toArray();
    assertArrayEquals(expected, validation);

    // Every training image (PNG, grayscale and CMYK ones included) decodes: 4 per class.
    int[] train = allLabels(ImageNetInputConfig.of(out, false, 4).withSplit("train").withImageSize(32).withNumClasses(3));
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}, train);
  }

  /** One pass of an evaluation pipeline: every label, sorted (the input shuffles). */
  private static int[] allLabels(ImageNetInputConfig config) {
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = ImageNetInput.build(g.tf, config, "t");
      assertEquals(Shape.of(config.batchSize(), 32, 32, 3), input.images().shape());
      g.run(input.initializer());
      int[] labels = new int[0];
      while (true) {
        // Images and labels in one run: each run takes the next batch.
        try (Result batch = g.session.runner().fetch(input.images()).fetch(input.labels()).run()) {
          labels = concat(labels, GraphRunner.toInts((TInt32) batch.get(1)));
        } catch (TFOutOfRangeException end) {
          break;
        }
      }
      assertThrows(TFOutOfRangeException.class, () -> g.ints(input.labels()));
      Arrays.sort(labels);
      return labels;
    }
  }

  private static int[] concat(int[] a, int[] b) {
    int[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
