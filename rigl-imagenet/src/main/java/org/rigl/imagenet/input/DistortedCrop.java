package org.rigl.imagenet.input;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.StatelessSampleDistortedBoundingBox;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The training crop window of tensorflow/tpu {@code resnet_preprocessing.py}
 * ({@code _decode_and_random_crop}): a box from {@code sample_distorted_bounding_box} over the
 * whole image ({@code bbox [0, 0, 1, 1]}, {@code min_object_covered 0.1}, aspect ratio
 * {@code 3/4..4/3}, area {@code 0.08..1}, 10 attempts), falling back to the centre crop when the
 * sample is the whole image ({@code _at_least_x_are_equal(original_shape, crop_shape, 3)}).
 *
 * <p>The sample uses the stateless op keyed by an element seed (same algorithm as the stateful
 * one, reproducible under parallel decoding).
 */
public final class DistortedCrop {
  public static final float MIN_OBJECT_COVERED = 0.1f;
  public static final List<Float> ASPECT_RATIO_RANGE = List.of(3f / 4, 4f / 3);
  public static final List<Float> AREA_RANGE = List.of(0.08f, 1.0f);
  public static final long MAX_ATTEMPTS = 10;

  private DistortedCrop() {}

  /** A sampled box: {@code begin} and {@code size}, each {@code [y, x, channel]} (int32). */
  public record Box(Operand<TInt32> begin, Operand<TInt32> size) {}

  /** Samples a box for an image of shape {@code [h, w, c]} from the shape-[2] {@code seed}. */
  public static Box sample(Ops tf, Operand<TInt32> imageShape, Operand<TInt64> seed) {
    Operand<TFloat32> wholeImage = tf.constant(new float[][][] {{{0f, 0f, 1f, 1f}}});
    var box =
        tf.image.statelessSampleDistortedBoundingBox(
            imageShape,
            wholeImage,
            tf.constant(MIN_OBJECT_COVERED),
            seed,
            StatelessSampleDistortedBoundingBox.aspectRatioRange(ASPECT_RATIO_RANGE),
            StatelessSampleDistortedBoundingBox.areaRange(AREA_RANGE),
            StatelessSampleDistortedBoundingBox.maxAttempts(MAX_ATTEMPTS),
            StatelessSampleDistortedBoundingBox.useImageIfNoBoundingBoxes(true));
    return new Box(box.begin(), box.sizeOutput());
  }

  /**
   * The window {@code [offset_y, offset_x, height, width]}: the sampled box, or the centre crop
   * window when the box covers the whole image (all three dimensions equal).
   */
  public static Operand<TInt32> window(Ops tf, Operand<TInt32> imageShape, Box box, int imageSize) {
    Operand<TInt32> equalDims =
        tf.sum(tf.dtypes.cast(tf.math.equal(imageShape, box.size()), TInt32.class), tf.constant(0));
    Operand<TBool> wholeImage = tf.math.greaterEqual(equalDims, tf.constant(3));
    Operand<TInt32> sampled =
        tf.stack(
            List.of(
                CenterCrop.element(tf, box.begin(), 0),
                CenterCrop.element(tf, box.begin(), 1),
                CenterCrop.element(tf, box.size(), 0),
                CenterCrop.element(tf, box.size(), 1)));
    return tf.select(wholeImage, CenterCrop.window(tf, imageShape, imageSize), sampled);
  }
}
