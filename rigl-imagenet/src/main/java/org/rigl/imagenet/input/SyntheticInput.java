package org.rigl.imagenet.input;

import org.rigl.imagenet.data.InputBatches;
import org.rigl.imagenet.data.SkippedRecords;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The input used when no data directory is given, as tensorflow/tpu {@code ImageNetInput} with
 * {@code data_dir=None}: every image black (zeros, before normalisation) and every label 0, in
 * batches of the usual shapes. Constant tensors; no dataset, nothing to initialise.
 */
public final class SyntheticInput {
  private SyntheticInput() {}

  public static InputBatches build(Ops tf, int batchSize, int imageSize) {
    Operand<TFloat32> black = tf.zeros(tf.constant(new int[] {batchSize, imageSize, imageSize, 3}), TFloat32.class);
    Operand<TFloat32> images = ImageNormalization.normalize(tf, black);
    Operand<TInt32> labels = tf.zeros(tf.constant(new int[] {batchSize}), TInt32.class);
    return new InputBatches(images, labels, tf.noOp(), failure -> failure, SkippedRecords.none());
  }
}
