package org.rigl.imagenet.data;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/** The fixed-size records of binary files ({@code FixedLengthRecordDatasetV2}), e.g. CIFAR-10's. */
public final class FixedLengthRecords {
  private static final long BUFFER_BYTES = 256 * 1024;

  private FixedLengthRecords() {}

  /** Per-file datasets of {@code recordBytes}-byte records (no header or footer, uncompressed). */
  public static ShardInterleave.RecordSource source(Ops tf, long recordBytes) {
    Operand<TInt64> none = tf.constant(0L);
    Operand<TInt64> size = tf.constant(recordBytes);
    Operand<TInt64> buffer = tf.constant(BUFFER_BYTES);
    Operand<TString> uncompressed = tf.constant("");
    return files ->
        new GraphDataset(
            tf,
            tf.data.fixedLengthRecordDataset(files, none, size, none, buffer, uncompressed),
            List.of(TString.class),
            List.of(Shape.scalar()));
  }
}
