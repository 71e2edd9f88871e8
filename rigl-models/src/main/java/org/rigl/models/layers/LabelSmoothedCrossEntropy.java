package org.rigl.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * {@code tf.losses.softmax_cross_entropy(one_hot(labels), logits, label_smoothing=ls)}: targets
 * {@code onehot * (1 - ls) + ls / num_classes}, softmax cross-entropy, mean over the batch. With
 * {@code ls = 0} it is {@code sparse_softmax_cross_entropy}, whose op has no gradient in TF Java.
 */
public final class LabelSmoothedCrossEntropy {
  private LabelSmoothedCrossEntropy() {}

  /** {@code labels}: class ids, shape [batch]; {@code logits}: [batch, numClasses]. */
  public static Operand<TFloat32> loss(
      Ops tf, Operand<TFloat32> logits, Operand<? extends TNumber> labels, int numClasses, float labelSmoothing) {
    Operand<TFloat32> onehot = tf.oneHot(labels, tf.constant(numClasses), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> targets = onehot;
    if (labelSmoothing != 0f) {
      targets =
          tf.math.add(
              tf.math.mul(onehot, tf.constant(1f - labelSmoothing)), tf.constant(labelSmoothing / numClasses));
    }
    Operand<TFloat32> perExample =
        tf.nn.softmaxCrossEntropyWithLogits(logits, tf.stopGradient(targets)).loss();
    return tf.math.mean(perExample, tf.constant(0));
  }
}
