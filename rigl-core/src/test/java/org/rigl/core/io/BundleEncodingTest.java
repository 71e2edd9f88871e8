package org.rigl.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorSliceProto;
import org.tensorflow.proto.VersionDef;

/** Checkpoints built in the tests, for encodings the Python fixtures do not contain. */
@Tag("fast")
class BundleEncodingTest {
  private static final long[] SCALAR = {};

  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"LITTLE", "BIG"})
  void decodesEveryElementTypeInTheHeadersByteOrder(String endianness) throws IOException {
    ByteOrder order = endianness.equals("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] longString = new byte[300]; // needs a two-byte varint length
    longString[299] = 7;
    Path prefix = dir.resolve("model.ckpt-5");
    new TestBundleWriter(order)
        .floats("w", new long[] {2, 3}, 1f, -2f, 3.5f, 0f, Float.MIN_VALUE, 1e30f)
        .doubles("d", new long[] {2}, Math.PI, -1e-300)
        .ints("i", new long[] {3}, Integer.MIN_VALUE, 0, 42)
        .longs("step", SCALAR, 1L << 40)
        .booleans("mask", new long[] {4}, true, false, false, true)
        .strings("names", new long[] {2, 2}, utf8("kernel"), new byte[0], utf8("ß"), longString)
        .write(prefix);

    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      assertArrayEquals(new float[] {1f, -2f, 3.5f, 0f, Float.MIN_VALUE, 1e30f}, reader.readFloats("w"));
      assertArrayEquals(new double[] {Math.PI, -1e-300}, reader.readDoubles("d"));
      assertArrayEquals(new int[] {Integer.MIN_VALUE, 0, 42}, reader.readInts("i"));
      assertEquals(1L << 40, reader.readLong("step"));
      assertArrayEquals(new boolean[] {true, false, false, true}, reader.readBooleans("mask"));
      byte[][] names = reader.readStrings("names");
      assertEquals(4, names.length);
      assertArrayEquals(utf8("kernel"), names[0]);
      assertArrayEquals(new byte[0], names[1]);
      assertArrayEquals(utf8("ß"), names[2]);
      assertArrayEquals(longString, names[3]);
      assertEquals(List.of("d", "i", "mask", "names", "step", "w"), reader.index().names());
    }
  }

  @Test
  void manyKeysWithPrefixCompressionAndRestartsInASnappyBlock() throws IOException {
    TestBundleWriter writer = new TestBundleWriter(ByteOrder.LITTLE_ENDIAN).snappy(true).restartInterval(4);
    List<String> expected = new ArrayList<>();
    for (int layer = 0; layer < 40; layer++) {
      String name = String.format("model/layer_%02d/kernel", layer);
      writer.floats(name, new long[] {1}, layer);
      expected.add(name);
    }
    Path prefix = dir.resolve("many");
    writer.write(prefix);
    assertEquals(1, BundleFixturesTest.firstDataBlockCompression(dir.resolve("many.index")));
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      assertEquals(expected, reader.index().names());
      assertEquals(17f, reader.readFloat("model/layer_17/kernel"));
    }
  }

  @Test
  void partitionedVariablesAreListedWithoutTheirSliceKeys() throws IOException {
    BundleEntryProto full =
        BundleEntryProto.newBuilder()
            .setDtype(DataType.DT_FLOAT)
            .setShape(TestBundleWriter.shape(4, 2))
            .addSlices(TensorSliceProto.getDefaultInstance())
            .addSlices(TensorSliceProto.getDefaultInstance())
            .build();
    byte[] sliceKey = {0, 1, 'e', 'm', 'b'}; // EncodeTensorNameSlice keys begin with a zero byte
    Path prefix = dir.resolve("partitioned");
    new TestBundleWriter(ByteOrder.LITTLE_ENDIAN)
        .row(utf8("emb"), full.toByteArray())
        .floats("bias", new long[] {2}, 1f, 2f)
        .row(sliceKey, BundleEntryProto.newBuilder().setDtype(DataType.DT_FLOAT).build().toByteArray())
        .write(prefix);
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      assertEquals(List.of("bias", "emb"), reader.index().names());
      TensorEntry emb = reader.index().entry("emb");
      assertTrue(emb.isPartitioned());
      assertEquals(2, emb.sliceCount());
      assertArrayEquals(new long[] {4, 2}, emb.shape());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.readFloats("emb"));
      assertTrue(e.getMessage().contains("'emb'") && e.getMessage().contains("partitioned"), e.getMessage());
      assertFalse(reader.index().entry("bias").isPartitioned());
    }
  }

  @Test
  void callerMistakesNameTheTensor() throws IOException {
    Path prefix = dir.resolve("typed");
    new TestBundleWriter(ByteOrder.LITTLE_ENDIAN)
        .longs("global_step", SCALAR, 3)
        .floats("kernel", new long[] {2, 2}, 1, 2, 3, 4)
        .write(prefix);
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      IllegalArgumentException wrongType =
          assertThrows(IllegalArgumentException.class, () -> reader.readFloats("global_step"));
      assertTrue(wrongType.getMessage().contains("'global_step'") && wrongType.getMessage().contains("DT_INT64, not DT_FLOAT"),
          wrongType.getMessage());
      IllegalArgumentException notScalar =
          assertThrows(IllegalArgumentException.class, () -> reader.readFloat("kernel"));
      assertTrue(notScalar.getMessage().contains("[2, 2] (4 elements)"), notScalar.getMessage());
      IllegalArgumentException missing =
          assertThrows(IllegalArgumentException.class, () -> reader.readFloats("kernal"));
      assertTrue(missing.getMessage().contains("no tensor 'kernal'") && missing.getMessage().contains("typed.index"),
          missing.getMessage());
    }
  }

  @Test
  void missingCheckpointNamesTheIndexFile() {
    Path prefix = dir.resolve("absent/model.ckpt-0");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> BundleIndexReader.read(prefix));
    assertTrue(e.getMessage().contains("model.ckpt-0.index"), e.getMessage());
  }

  @Test
  void indexWithoutHeaderIsCorrupt() throws IOException {
    Path prefix = dir.resolve("headless");
    new TestBundleWriter(ByteOrder.LITTLE_ENDIAN).header(null).floats("a", SCALAR, 1f).write(prefix);
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> BundleIndexReader.read(prefix));
    assertTrue(e.getMessage().contains("headless.index") && e.getMessage().contains("no header"), e.getMessage());
  }

  @Test
  void unsortedKeysAreCorrupt() throws IOException {
    Path prefix = dir.resolve("unsorted");
    new TestBundleWriter(ByteOrder.LITTLE_ENDIAN).floats("b", SCALAR, 1f).floats("a", SCALAR, 2f).write(prefix, false);
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> BundleIndexReader.read(prefix));
    assertTrue(e.getMessage().contains("out of order"), e.getMessage());
  }

  @Test
  void newerFormatIsRefusedWithTheVersion() throws IOException {
    Path prefix = dir.resolve("future");
    BundleHeaderProto header =
        BundleHeaderProto.newBuilder()
            .setNumShards(1)
            .setVersion(VersionDef.newBuilder().setProducer(3).setMinConsumer(2))
            .build();
    new TestBundleWriter(ByteOrder.LITTLE_ENDIAN).header(header).floats("a", SCALAR, 1f).write(prefix);
    IOException e = assertThrows(IOException.class, () -> BundleIndexReader.read(prefix));
    assertTrue(e.getMessage().contains("future.index") && e.getMessage().contains(">= 2"), e.getMessage());
  }

  @Test
  void entryPointingAtAMissingShardIsCorrupt() throws IOException {
    BundleEntryProto entry =
        BundleEntryProto.newBuilder()
            .setDtype(DataType.DT_FLOAT)
            .setShape(TestBundleWriter.shape())
            .setShardId(3)
            .setSize(4)
            .build();
    Path prefix = dir.resolve("shards");
    new TestBundleWriter(ByteOrder.LITTLE_ENDIAN).row(utf8("w"), entry.toByteArray()).write(prefix);
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> BundleIndexReader.read(prefix));
    assertEquals("w", e.tensorName());
    assertTrue(e.getMessage().contains("tensor 'w'") && e.getMessage().contains("shard 3 of only 1"), e.getMessage());
  }

  @Test
  void sizeThatDisagreesWithTheShapeIsCorrupt() throws IOException {
    Path prefix = dir.resolve("sized");
    byte[] eightBytes = new byte[8];
    new TestBundleWriter(ByteOrder.LITTLE_ENDIAN).raw("v", DataType.DT_FLOAT, new long[] {3}, eightBytes).write(prefix);
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      CorruptCheckpointException e =
          assertThrows(CorruptCheckpointException.class, () -> reader.readFloats("v"));
      assertTrue(e.getMessage().contains("tensor 'v'") && e.getMessage().contains("needs 12"), e.getMessage());
    }
  }

  @Test
  void emptyTensorsRoundTrip() throws IOException {
    Path prefix = dir.resolve("empty");
    new TestBundleWriter(ByteOrder.LITTLE_ENDIAN)
        .floats("none", new long[] {0, 5})
        .strings("no_strings", new long[] {0})
        .write(prefix);
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      assertEquals(0, reader.readFloats("none").length);
      assertEquals(0, reader.index().entry("none").numElements());
      assertEquals(0, reader.readStrings("no_strings").length);
      assertEquals(4, reader.index().entry("no_strings").size(), "just the length checksum");
    }
  }
}
