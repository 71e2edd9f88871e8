package org.rigl.imagenet.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.io.MaskedCrc32c;
import org.rigl.imagenet.GraphRunner;
import org.rigl.imagenet.TestData;
import org.rigl.imagenet.data.BadInputException;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.imagenet.input.ImageNetInput;
import org.rigl.imagenet.input.ImageNetInputConfig;
import org.tensorflow.exceptions.TFOutOfRangeException;

/**
 * Bad records make the pipeline fail with one line naming the file and record, or, with
 * {@code --skip_bad_records}, are left out and counted.
 */
@Tag("fast")
class BadRecordsTest {
  @TempDir Path dir;

  private static ImageNetInputConfig evalConfig(Path directory) {
    return ImageNetInputConfig.of(directory, false, 4)
        .withSplit("train")
        .withImageSize(32)
        .withLabelOffset(0)
        .withNumClasses(10)
        .withNumParallelCalls(2);
  }

  @Test
  void theFixtureWithTheDefaultLabelOffsetNamesTheFileAndRecord() {
    // The fixture's labels are 0..9; the reference's offset 1 turns a 0 into -1.
    ImageNetInputConfig config = evalConfig(TestData.fakeImageNet()).withLabelOffset(1);
    String message = failureMessage(config);
    assertTrue(message.matches(".*/train-0000\\d-of-00008: record \\d+: label 0 minus --label_offset=1 is -1, outside \\[0, 10\\)"), message);
  }

  @Test
  void aLabelOutsideTheClassesNamesTheFileAndRecord() {
    List<byte[]> records = ShardBuilder.fixtureRecords(0, 6);
    records.set(3, ShardBuilder.example(ShardBuilder.jpegOf(records.get(3)), 12));
    Path shard = ShardBuilder.write(dir.resolve("train-00000-of-00001"), records);
    assertEquals(shard + ": record 3: label 12 minus --label_offset=0 is 12, outside [0, 10)", failureMessage(evalConfig(dir)));
  }

  @Test
  void aCorruptRecordNamesTheFileRecordAndOffset() throws Exception {
    Path shard = ShardBuilder.write(dir.resolve("train-00000-of-00001"), ShardBuilder.fixtureRecords(1, 8));
    ShardBuilder.corruptRecordData(shard, 5);
    String message = failureMessage(evalConfig(dir));
    assertTrue(
        message.startsWith(shard + ": record 5: corrupt record at byte offset " + ShardBuilder.offsetOf(shard, 5) + " (data checksum mismatch"),
        message);
  }

  @Test
  void anUndecodableJpegNamesTheFileAndRecord() {
    List<byte[]> records = ShardBuilder.fixtureRecords(2, 8);
    byte[] jpeg = ShardBuilder.jpegOf(records.get(6));
    records.set(6, ShardBuilder.example(java.util.Arrays.copyOf(jpeg, jpeg.length / 3), 4));
    Path shard = ShardBuilder.write(dir.resolve("train-00000-of-00001"), records);
    String message = failureMessage(evalConfig(dir));
    assertTrue(message.startsWith(shard + ": record 6: undecodable JPEG: "), message);
  }

  @Test
  void skipBadRecordsLeavesThemOutAndCountsThem() {
    List<byte[]> first = ShardBuilder.fixtureRecords(0, 8);
    first.set(2, ShardBuilder.example(ShardBuilder.jpegOf(first.get(2)), 11));
    first.set(5, ShardBuilder.example(new byte[] {1, 2, 3}, 1));
    ShardBuilder.write(dir.resolve("train-00000-of-00002"), first);
    Path second = ShardBuilder.write(dir.resolve("train-00001-of-00002"), ShardBuilder.fixtureRecords(1, 8));
    ShardBuilder.corruptRecordData(second, 6);

    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = ImageNetInput.build(g.tf, evalConfig(dir).withSkipBadRecords(true), "input");
      assertEquals(3, input.skipped().count());
      assertTrue(input.skipped().summary().startsWith("--skip_bad_records: skipped 3 bad records in 2 of 2 shards"), input.skipped().summary());
      assertFalse(input.skipped().summary().contains("\n"));
      // Left: 6 good records of the first shard, 6 before the corrupt one in the second = 3 batches.
      g.run(input.initializer());
      int batches = 0;
      while (true) {
        try {
          g.ints(input.labels());
          batches++;
        } catch (TFOutOfRangeException end) {
          break;
        }
      }
      assertEquals(3, batches);
    }
  }

  @Test
  void aShardCutInsideARecordHeaderFailsBeforeTensorFlowReadsIt() throws Exception {
    Path shard = ShardBuilder.write(dir.resolve("train-00000-of-00001"), ShardBuilder.fixtureRecords(1, 8));
    long cut = ShardBuilder.offsetOf(shard, 6) + 5;
    Files.write(shard, Arrays.copyOf(Files.readAllBytes(shard), (int) cut));
    assertEquals(
        shard + ": record 6: corrupt record at byte offset " + (cut - 5)
            + " (file ends inside the record header (5 of 12 bytes))",
        buildFailure(evalConfig(dir)));
  }

  @Test
  void aLengthFieldBeyondTheFileFailsBeforeTensorFlowReadsIt() throws Exception {
    Path shard = ShardBuilder.write(dir.resolve("train-00000-of-00001"), ShardBuilder.fixtureRecords(1, 8));
    long at = ShardBuilder.offsetOf(shard, 2);
    byte[] bytes = Files.readAllBytes(shard);
    // One TiB, with a valid length checksum: TensorFlow's reader would try to read it.
    ByteBuffer header = ByteBuffer.wrap(bytes, (int) at, 12).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong((int) at, 1L << 40);
    header.putInt((int) at + 8, MaskedCrc32c.masked(bytes, (int) at, 8));
    Files.write(shard, bytes);
    String message = buildFailure(evalConfig(dir));
    assertTrue(message.startsWith(shard + ": record 2: corrupt record at byte offset " + at
        + " (file ends inside the record: its length field says 1099511627776 bytes, "), message);
  }

  @Test
  void shardsWithoutRecordsFailBeforeTensorFlowReadsThem() throws Exception {
    Path empty = Files.write(dir.resolve("train-00000-of-00001"), new byte[0]);
    assertEquals(empty + " holds no records", buildFailure(evalConfig(dir)));
  }

  private static String buildFailure(ImageNetInputConfig config) {
    try (GraphRunner g = new GraphRunner()) {
      BadInputException e = assertThrows(BadInputException.class, () -> ImageNetInput.build(g.tf, config, "input"));
      return e.getMessage();
    }
  }

  /** Runs the pipeline until it fails and returns the explained failure's one-line message. */
  private static String failureMessage(ImageNetInputConfig config) {
    try (GraphRunner g = new GraphRunner()) {
      InputBatches input = ImageNetInput.build(g.tf, config, "input");
      // As a training step would: fetch something computed from the batch, not the batch itself.
      var consumer = g.tf.math.add(g.tf.sum(input.images(), g.tf.constant(new int[] {0, 1, 2, 3})), g.tf.dtypes.cast(g.tf.sum(input.labels(), g.tf.constant(0)), org.tensorflow.types.TFloat32.class));
      g.run(input.initializer());
      for (int i = 0; i < 200; i++) {
        try {
          g.floats(consumer);
        } catch (TFOutOfRangeException e) {
          throw new AssertionError("the pipeline ended without failing");
        } catch (RuntimeException e) {
          RuntimeException explained = input.explain(e);
          assertInstanceOf(BadInputException.class, explained, () -> "not explained: " + e.getMessage());
          assertFalse(explained.getMessage().contains("\n"), explained.getMessage());
          return explained.getMessage();
        }
      }
      throw new AssertionError("the pipeline did not fail");
    }
  }
}
