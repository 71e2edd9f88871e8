package org.rigl.imagenet.input;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.strings.StringFormat;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TNumber;

/**
 * {@code label - label_offset} as int32 (the reference subtracts 1 from ImageNet's 1..1000), checked
 * to lie in {@code [0, classes)}: a label outside fails the pipeline with an error naming the file
 * and record instead of silently training on a zero one-hot row.
 */
public final class LabelCheck {
  /** The text that starts the assertion's message, for finding it in TensorFlow's error. */
  public static final String MESSAGE_START = "label outside [0, classes): ";

  private LabelCheck() {}

  public static Operand<TInt32> checked(
      Ops tf,
      Operand<? extends TNumber> rawLabel,
      int labelOffset,
      int numClasses,
      Operand<TString> file,
      Operand<TInt64> record) {
    Operand<TInt32> label = tf.math.sub(tf.dtypes.cast(rawLabel, TInt32.class), tf.constant(labelOffset));
    var inRange =
        tf.math.logicalAnd(
            tf.math.greaterEqual(label, tf.constant(0)), tf.math.less(label, tf.constant(numClasses)));
    Operand<TString> message =
        tf.strings.stringFormat(
            List.of(file, record, rawLabel, label),
            StringFormat.placeholder("{}"),
            StringFormat.template(
                MESSAGE_START
                    + "{}: record {}: label {} minus --label_offset="
                    + labelOffset
                    + " is {}, outside [0, "
                    + numClasses
                    + ")"));
    var assertion = tf.assertThat(inRange, List.of(message));
    return tf.withControlDependencies(List.of(assertion)).identity(label);
  }
}
