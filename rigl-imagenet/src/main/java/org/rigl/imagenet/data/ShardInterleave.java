package org.rigl.imagenet.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The records of many shard files read {@code cycleLength} files at a time, one record from each in
 * turn, every record tagged with where it comes from: elements {@code (record: string, tag: int64)}
 * with the tag decoded by {@link RecordTag}.
 *
 * <p>Ports the reference's {@code parallel_interleave(TFRecordDataset, cycle_length=64)} over the
 * sorted file list (tensorflow/tpu {@code imagenet_input.py}). The function form of interleave
 * needs a graph function that returns a dataset, which TF Java 1.1.0 cannot build, so the files are
 * dealt into {@code cycleLength} lanes (lane k reads files k, k + cycle, ...) and the lanes are
 * read round-robin. Each file costs a handful of graph nodes (1024 ImageNet shards: about 8,000),
 * which is why the tag is one range dataset per file rather than a file-name dataset.
 */
public final class ShardInterleave {
  /** Builds the dataset of one file's records from a single-element vector of file names. */
  @FunctionalInterface
  public interface RecordSource {
    GraphDataset records(Operand<TString> fileVector);
  }

  private ShardInterleave() {}

  /**
   * Tagged records of {@code files}; with {@code repeat} every lane starts over from its first file
   * when it ends, so the dataset never ends (the reference repeats the file list for training).
   */
  public static GraphDataset taggedRecords(
      Ops tf, List<Path> files, int cycleLength, boolean repeat, RecordSource source) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no files to read");
    }
    Operand<TInt32> vectorOfOne = tf.constant(new int[] {1});
    Operand<TInt64> step = tf.constant(1L);
    int lanes = Math.min(cycleLength, files.size());
    List<GraphDataset> laneDatasets = new ArrayList<>();
    for (int lane = 0; lane < lanes; lane++) {
      GraphDataset laneRecords = null;
      for (int i = lane; i < files.size(); i += lanes) {
        GraphDataset records = source.records(tf.reshape(tf.constant(files.get(i).toString()), vectorOfOne));
        var tags =
            tf.data.rangeDataset(
                tf.constant(RecordTag.first(i)), tf.constant(RecordTag.first(i + 1)), step, List.of(TInt64.class), List.of(Shape.scalar()));
        GraphDataset tagged = records.zip(new GraphDataset(tf, tags, List.of(TInt64.class), List.of(Shape.scalar())));
        laneRecords = laneRecords == null ? tagged : laneRecords.concatenate(tagged);
      }
      laneDatasets.add(laneRecords.repeatIf(repeat));
    }
    return lanes == 1 ? laneDatasets.get(0) : GraphDataset.roundRobin(tf, laneDatasets);
  }
}
