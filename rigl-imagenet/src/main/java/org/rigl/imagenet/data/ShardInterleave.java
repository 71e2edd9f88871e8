package org.rigl.imagenet.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TString;

/**
 * The records of many shard files read {@code cycleLength} files at a time, one record from each in
 * turn, every record tagged with its file name and its index in that file: elements
 * {@code (record: string, file: string, index: int64)}.
 *
 * <p>Ports the reference's {@code parallel_interleave(TFRecordDataset, cycle_length=64)} over the
 * sorted file list (tensorflow/tpu {@code imagenet_input.py}). The function form of interleave
 * needs a graph function that returns a dataset, which TF Java 1.1.0 cannot build, so the files are
 * dealt into {@code cycleLength} lanes (lane k reads files k, k + cycle, ...) and the lanes are
 * read round-robin. The tag lets a failing record be named in errors.
 */
public final class ShardInterleave {
  /** Builds the dataset of one file's records (a single-element string vector of file names). */
  @FunctionalInterface
  public interface RecordSource {
    GraphDataset records(Ops tf, Operand<TString> fileVector);
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
    int lanes = Math.min(cycleLength, files.size());
    List<GraphDataset> laneDatasets = new ArrayList<>();
    for (int lane = 0; lane < lanes; lane++) {
      GraphDataset laneRecords = null;
      for (int i = lane; i < files.size(); i += lanes) {
        GraphDataset fileRecords = tagged(tf, files.get(i).toString(), source);
        laneRecords = laneRecords == null ? fileRecords : laneRecords.concatenate(fileRecords);
      }
      laneDatasets.add(laneRecords.repeatIf(repeat));
    }
    return lanes == 1 ? laneDatasets.get(0) : GraphDataset.roundRobin(tf, laneDatasets);
  }

  private static GraphDataset tagged(Ops tf, String file, RecordSource source) {
    Operand<TString> name = tf.constant(file);
    GraphDataset records = source.records(tf, tf.reshape(name, tf.constant(new int[] {1})));
    return records.zip(GraphDataset.constantForever(tf, List.of(name))).zip(GraphDataset.counter(tf));
  }
}
