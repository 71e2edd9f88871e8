package org.rigl.imagenet.data;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The serialized records of TFRecord files, as the V1 {@code TFRecordDataset} op.
 *
 * <p>TF Java 1.1.0's wrapper builds {@code TFRecordDatasetV2} without its fourth input
 * ({@code byte_offsets}) and fails at {@code MakeIterator} ("3 inputs specified of 4"); the V1 op,
 * built by hand, reads the same files.
 */
public final class TfRecordDatasetV1 {
  /** Per-file read buffer; reading is sequential, one file at a time per lane. */
  private static final long BUFFER_BYTES = 256 * 1024;

  private TfRecordDatasetV1() {}

  /**
   * Builds datasets of the records of uncompressed TFRecord files (a string vector of names, read in
   * order); the datasets share their constant inputs, so a thousand shards cost fewer graph nodes.
   */
  public static ShardInterleave.RecordSource source(Ops tf) {
    Graph graph = (Graph) tf.scope().env();
    Operand<TString> uncompressed = tf.constant("");
    Operand<TInt64> bufferBytes = tf.constant(BUFFER_BYTES);
    return files -> {
      var op =
          graph
              .opBuilder("TFRecordDataset", tf.scope().makeOpName("TFRecordDataset"), tf.scope())
              .addInput(files.asOutput())
              .addInput(uncompressed.asOutput())
              .addInput(bufferBytes.asOutput())
              .build();
      return new GraphDataset(tf, op.output(0), List.of(TString.class), List.of(Shape.scalar()));
    };
  }
}
