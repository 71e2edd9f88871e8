package org.rigl.imagenet.input;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The two features the reference reads from an ImageNet {@code tf.Example}
 * ({@code imagenet_input.py} {@code dataset_parser}): {@code image/encoded} (JPEG bytes, default
 * empty) and {@code image/class/label} (int64, default -1, which the label check then rejects).
 */
public record ImageNetExample(Operand<TString> encodedImage, Operand<TInt64> label) {
  public static final String IMAGE_KEY = "image/encoded";
  public static final String LABEL_KEY = "image/class/label";

  @SuppressWarnings("unchecked")
  public static ImageNetExample parse(Ops tf, Operand<TString> serialized) {
    var parsed =
        tf.io.parseSingleExample(
            serialized,
            List.of(tf.constant(""), tf.constant(-1L)),
            0L,
            List.of(),
            List.of(IMAGE_KEY, LABEL_KEY),
            List.of(),
            List.of(Shape.scalar(), Shape.scalar()));
    return new ImageNetExample(
        (Operand<TString>) parsed.denseValues().get(0), (Operand<TInt64>) parsed.denseValues().get(1));
  }
}
