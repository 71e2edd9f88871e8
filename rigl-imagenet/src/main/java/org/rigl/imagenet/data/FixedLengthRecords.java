package org.rigl.imagenet.data;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TString;

/** The fixed-size records of binary files ({@code FixedLengthRecordDatasetV2}), e.g. CIFAR-10's. */
public final class FixedLengthRecords {
  private static final long BUFFER_BYTES = 256 * 1024;

  private FixedLengthRecords() {}

  /** Records of {@code recordBytes} bytes from the files named by the string vector {@code files}. */
  public static GraphDataset records(Ops tf, Operand<TString> files, long recordBytes) {
    var dataset =
        tf.data.fixedLengthRecordDataset(
            files, tf.constant(0L), tf.constant(recordBytes), tf.constant(0L), tf.constant(BUFFER_BYTES), tf.constant(""));
    return new GraphDataset(tf, dataset, List.of(TString.class), List.of(Shape.scalar()));
  }
}
