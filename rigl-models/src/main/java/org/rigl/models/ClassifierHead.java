package org.rigl.models;

import org.rigl.models.layers.DenseLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The networks' common tail: pooled features flattened to [batch, inputs], then the dense classifier. */
final class ClassifierHead {
  private ClassifierHead() {}

  /** Global average pooling ({@code reduce_mean} over height and width), then {@link #classify}. */
  static Operand<TFloat32> averagePoolAndClassify(Ops tf, Operand<TFloat32> x, DenseLayer classifier) {
    return classify(tf, tf.math.mean(x, tf.constant(new int[] {1, 2})), classifier);
  }

  /** Reshapes {@code pooled} to [batch, the classifier's inputs] and applies the classifier. */
  static Operand<TFloat32> classify(Ops tf, Operand<TFloat32> pooled, DenseLayer classifier) {
    Operand<TFloat32> flat = tf.reshape(pooled, tf.constant(new long[] {-1, classifier.kernel().shape().size(0)}));
    return classifier.apply(tf, flat);
  }
}
