package org.rigl.imagenet.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.imagenet.GraphRunner;
import org.rigl.imagenet.data.BadInputException;
import org.rigl.imagenet.data.InputBatches;
import org.tensorflow.ndarray.Shape;

@Tag("fast")
class SyntheticInputTest {
  @Test
  void noDataDirectoryGivesBlackImagesAndLabelZeroAsTheReference() {
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = ImageNetInput.build(g.tf, ImageNetInputConfig.of(null, true, 2).withImageSize(8), "synthetic");
      assertEquals(Shape.of(2, 8, 8, 3), input.images().shape());
      g.run(input.initializer());
      float[] images = g.floats(input.images());
      for (int i = 0; i < images.length; i++) {
        int c = i % 3;
        assertEquals(-ImageNormalization.MEAN_RGB[c] / ImageNormalization.STDDEV_RGB[c], images[i], 0f);
      }
      assertArrayEquals(new int[] {0, 0}, g.ints(input.labels()));
    }
  }

  @Test
  void evalStepsRequireTheBatchToDivideTheImages() {
    assertEquals(50, EvalSteps.of(50000, 1000));
    BadInputException e = assertThrows(BadInputException.class, () -> EvalSteps.of(50000, 768));
    assertEquals("--eval_batch_size=768 must evenly divide --num_eval_images=50000", e.getMessage());
  }
}
