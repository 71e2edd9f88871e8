package org.rigl.imagenet.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Where a record comes from, packed in one int64 ({@code file index << 32 | index in the file}) so
 * that errors can name the file and record. Decoded inside map functions.
 */
public final class RecordTag {
  private static final long RECORDS_PER_FILE = 1L << 32;

  private RecordTag() {}

  /** The tag of a file's first record. */
  static long first(int fileIndex) {
    return fileIndex * RECORDS_PER_FILE;
  }

  /** The record's zero-based index in its file. */
  public static Operand<TInt64> recordIndex(Ops tf, Operand<TInt64> tag) {
    return tf.math.floorMod(tag, tf.constant(RECORDS_PER_FILE));
  }

  /** The record's file name, from the list the tags were made for. */
  public static Operand<TString> fileName(Ops tf, Operand<TInt64> tag, List<Path> files) {
    String[] names = files.stream().map(Path::toString).toArray(String[]::new);
    Operand<TInt32> fileIndex = tf.dtypes.cast(tf.math.floorDiv(tag, tf.constant(RECORDS_PER_FILE)), TInt32.class);
    return tf.gather(tf.constant(StandardCharsets.UTF_8, names), fileIndex, tf.constant(0));
  }
}
