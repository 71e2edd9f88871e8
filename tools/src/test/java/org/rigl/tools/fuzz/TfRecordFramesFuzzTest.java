package org.rigl.tools.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.io.CorruptRecordException;
import org.rigl.core.io.TfRecordCompression;
import org.rigl.core.io.TfRecordReader;
import org.rigl.core.io.TfRecordWriter;
import org.rigl.imagenet.data.BadInputException;
import org.rigl.imagenet.data.DatasetIterator;
import org.rigl.imagenet.data.TfRecordDatasetV1;
import org.rigl.imagenet.records.ShardFrames;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TString;

/**
 * Mutated TFRecord shards through the frame check that guards TensorFlow's native reader, then
 * (where it lets them pass) through that reader: whatever passes, TensorFlow reads exactly what the
 * checksum-verifying Java reader reads, and fails where it fails, never taking damage for a clean
 * end of file; the check rejects only files the Java reader also rejects.
 */
class TfRecordFramesFuzzTest {
  private static final int CASES = 400;

  @TempDir Path dir;

  @Test
  void tensorFlowNeverReadsADamagedShardAsAShorterOne() throws IOException {
    byte[] shard = shard(new Random(5));
    Random random = new Random(20261203);
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> files = tf.placeholder(TString.class);
      DatasetIterator iterator = TfRecordDatasetV1.source(tf).records(files).iterator("fuzz");
      int rejected = 0;
      for (int i = 0; i < CASES; i++) {
        Mutations.Mutation m = i % 3 == 0 ? Mutations.tfRecordLength(shard, random) : Mutations.any(shard, random);
        Path file = dir.resolve("case-" + i);
        Files.write(file, m.bytes());
        String name = "case " + i + " (" + m.description() + ")";
        int javaRecords = -1;
        try {
          javaRecords = TfRecordReader.readAll(file, TfRecordCompression.NONE).size();
        } catch (CorruptRecordException e) {
          assertTrue(e.getMessage().startsWith("Corrupt TFRecord file " + file + ": record "), e.getMessage());
        }
        try {
          ShardFrames.check(List.of(file));
        } catch (BadInputException e) {
          assertEquals(-1, javaRecords, name + ": rejected a shard the Java reader reads: " + e.getMessage());
          assertTrue(e.getMessage().startsWith(file + ": record "), e.getMessage());
          rejected++;
          continue;
        }
        int expected = javaRecords;
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
          String result = readWithTensorFlow(session, iterator, files, file);
          String want = expected >= 0 ? expected + " records" : "an error";
          if (expected < 0 ? !result.endsWith("then an error") : !result.equals(want)) {
            fail(name + ": TensorFlow read " + result + ", the Java reader " + want);
          }
        }, name);
        Files.delete(file);
      }
      assertTrue(rejected > CASES / 10, rejected + " rejected: the length edits should be caught");
    }
  }

  private static String readWithTensorFlow(Session session, DatasetIterator iterator, Placeholder<TString> files, Path file) {
    try (TString names = TString.tensorOf(NdArrays.vectorOfObjects(file.toString()))) {
      session.runner().feed(files, names).addTarget(iterator.initializer()).run();
    }
    int read = 0;
    while (true) {
      try (Tensor t = session.runner().fetch(iterator.next().get(0)).run().get(0)) {
        read++;
      } catch (TFOutOfRangeException e) {
        return read + " records";
      } catch (RuntimeException e) {
        return read + " records then an error";
      }
    }
  }

  /** Ten records of 0 to 80 random bytes. */
  private static byte[] shard(Random random) throws IOException {
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      byte[] r = new byte[random.nextInt(81)];
      random.nextBytes(r);
      records.add(r);
    }
    Path file = Files.createTempFile("shard", ".tfrecord");
    try {
      TfRecordWriter.writeAll(file, TfRecordCompression.NONE, records);
      return Files.readAllBytes(file);
    } finally {
      Files.delete(file);
    }
  }
}
