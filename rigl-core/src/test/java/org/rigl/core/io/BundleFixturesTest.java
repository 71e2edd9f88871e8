package org.rigl.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rigl.core.io.ByteCursor.MalformedException;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.xerial.snappy.Snappy;

/** Reads every checkpoint that Python TensorFlow wrote into shared/testdata/checkpoints. */
@Tag("fast")
class BundleFixturesTest {
  private static final String VALUE = "/.ATTRIBUTES/VARIABLE_VALUE";

  static Stream<Path> allIndexFiles() throws IOException {
    try (Stream<Path> files = Files.walk(TestData.path("checkpoints"))) {
      List<Path> indexes = files.filter(p -> p.toString().endsWith(".index")).sorted().toList();
      assertEquals(5, indexes.size(), "fixture checkpoints: " + indexes);
      return indexes.stream();
    }
  }

  private static Path prefix(String relative) {
    return TestData.path("checkpoints/" + relative);
  }

  @ParameterizedTest
  @MethodSource("allIndexFiles")
  void everyTensorOfEveryCheckpointVerifies(Path indexFile) throws IOException {
    try (BundleDataReader reader = BundleDataReader.open(indexFile)) {
      CheckpointIndex index = reader.index();
      BundleHeaderProto header = index.header();
      assertEquals(1, header.getNumShards());
      assertEquals(BundleHeaderProto.Endianness.LITTLE, header.getEndianness());
      assertEquals(1, header.getVersion().getProducer());
      long dataBytes = Files.size(index.dataFile(0));
      List<String> names = new ArrayList<>();
      for (TensorEntry entry : index.entries()) {
        names.add(entry.name());
        assertEquals(0, entry.shard());
        assertTrue(entry.offset() + entry.size() <= dataBytes, entry.toString());
        byte[] bytes = reader.readBytes(entry.name());
        assertEquals(entry.size(), bytes.length, entry.name());
        if (entry.dtype() == DataType.DT_FLOAT) {
          for (float value : reader.readFloats(entry.name())) {
            assertTrue(Float.isFinite(value), entry.name());
          }
        }
      }
      List<String> sorted = new ArrayList<>(names);
      sorted.sort(null);
      assertEquals(sorted, names, "entries are in name order");
      assertEquals(names, index.names());
    }
  }

  @Test
  void halfPlusTwoTf1SnappyScalars() throws IOException {
    Path prefix = prefix("half_plus_two_tf1_snappy/variables");
    assertEquals(1, firstDataBlockCompression(prefix.resolveSibling("variables.index")), "Snappy block");
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      assertEquals(List.of("a", "a2", "b", "c", "c2"), reader.index().names());
      for (TensorEntry entry : reader.index().entries()) {
        assertEquals(DataType.DT_FLOAT, entry.dtype());
        assertEquals(0, entry.rank());
      }
      assertEquals(0.5f, reader.readFloat("a"));
      assertEquals(0.5f, reader.readFloat("a2"));
      assertEquals(2.0f, reader.readFloat("b"));
      assertEquals(3.0f, reader.readFloat("c"));
      assertEquals(3.0f, reader.readFloat("c2"));
    }
  }

  @Test
  void halfPlusTwoTf2SnappyScalarsAndObjectGraph() throws IOException {
    Path prefix = prefix("half_plus_two_tf2_snappy/variables");
    assertEquals(1, firstDataBlockCompression(prefix.resolveSibling("variables.index")), "Snappy block");
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      assertEquals(
          List.of("_CHECKPOINTABLE_OBJECT_GRAPH", "a" + VALUE, "b" + VALUE, "c" + VALUE),
          reader.index().names());
      assertEquals(0.5f, reader.readFloat("a" + VALUE));
      assertEquals(2.0f, reader.readFloat("b" + VALUE));
      assertEquals(3.0f, reader.readFloat("c" + VALUE));

      TensorEntry graphEntry = reader.index().entry("_CHECKPOINTABLE_OBJECT_GRAPH");
      assertEquals(DataType.DT_STRING, graphEntry.dtype());
      assertArrayEquals(new long[0], graphEntry.shape());
      TrackableObjectGraph graph =
          TrackableObjectGraph.parseFrom(reader.readString("_CHECKPOINTABLE_OBJECT_GRAPH"));
      assertEquals(
          Set.of("a" + VALUE, "b" + VALUE, "c" + VALUE), checkpointKeys(graph));
      assertTrue(graph.getNodes(0).getChildrenList().stream().anyMatch(c -> c.getLocalName().equals("a")));
    }
  }

  @Test
  void halfPlusTwoConvUncompressedKernels() throws IOException {
    Path prefix = prefix("half_plus_two_conv_uncompressed/variables");
    assertEquals(0, firstDataBlockCompression(prefix.resolveSibling("variables.index")), "plain block");
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      CheckpointIndex index = reader.index();
      assertEquals(
          List.of("a", "b", "c", "conv2d/bias", "conv2d/kernel", "conv2d_1/bias", "conv2d_1/kernel",
              "conv2d_2/bias", "conv2d_2/kernel"),
          index.names());
      assertEquals(0.5f, reader.readFloat("a"));
      assertEquals(2.0f, reader.readFloat("b"));
      assertEquals(3.0f, reader.readFloat("c"));
      for (String layer : List.of("conv2d", "conv2d_1", "conv2d_2")) {
        assertArrayEquals(new long[] {1, 1, 1, 1}, index.entry(layer + "/kernel").shape());
        assertArrayEquals(new long[] {1}, index.entry(layer + "/bias").shape());
        assertArrayEquals(new float[] {0f}, reader.readFloats(layer + "/bias"));
      }
      assertArrayEquals(new float[] {-0.52239597f}, reader.readFloats("conv2d/kernel"));
      assertArrayEquals(new float[] {-1.045112f}, reader.readFloats("conv2d_1/kernel"));
      assertArrayEquals(new float[] {1.5779432f}, reader.readFloats("conv2d_2/kernel"));
    }
  }

  @Test
  void estimatorDnnShapesAndGlobalStep() throws IOException {
    try (BundleDataReader reader = BundleDataReader.open(prefix("estimator_dnn/model.ckpt-0"))) {
      CheckpointIndex index = reader.index();
      assertEquals(60, index.entries().size());
      long[][] kernels = {{3, 100}, {100, 70}, {70, 48}, {48, 34}};
      for (int layer = 0; layer < kernels.length; layer++) {
        String name = "dnn/hiddenlayer_" + layer;
        assertArrayEquals(kernels[layer], index.entry(name + "/kernel").shape(), name);
        assertArrayEquals(new long[] {kernels[layer][1]}, index.entry(name + "/bias").shape(), name);
        assertArrayEquals(
            kernels[layer], index.entry("training/Adagrad/" + name + "/kernel/accumulator").shape());
      }
      assertArrayEquals(new long[] {34, 1}, index.entry("dnn/logits/kernel").shape());
      assertArrayEquals(new long[] {1}, index.entry("dnn/logits/bias").shape());
      assertEquals(300, reader.readFloats("dnn/hiddenlayer_0/kernel").length);

      TensorEntry globalStep = index.entry("global_step");
      assertEquals(DataType.DT_INT64, globalStep.dtype());
      assertEquals(0, globalStep.rank());
      assertEquals(0L, reader.readLong("global_step"));
      assertEquals(0.001f, reader.readFloat("training/Adagrad/learning_rate"));
      assertEquals(-0.5f, reader.readFloat("training/Ftrl/learning_rate_power"));
      assertArrayEquals(new long[] {1010, 1}, index.entry("linear/linear_model/company_xf/weights").shape());
    }
  }

  @Test
  void kerasAdamKernelsSlotsAndIteration() throws IOException {
    try (BundleDataReader reader = BundleDataReader.open(prefix("keras_adam_tf2/variables"))) {
      CheckpointIndex index = reader.index();
      long[][] kernels = {{4, 8}, {8, 8}, {8, 3}};
      for (int layer = 0; layer < kernels.length; layer++) {
        String weights = "layer_with_weights-" + layer;
        assertArrayEquals(kernels[layer], index.entry(weights + "/kernel" + VALUE).shape());
        assertArrayEquals(new long[] {kernels[layer][1]}, index.entry(weights + "/bias" + VALUE).shape());
        for (String slot : List.of("m", "v")) {
          String slotName = weights + "/kernel/.OPTIMIZER_SLOT/optimizer/" + slot + VALUE;
          assertArrayEquals(kernels[layer], index.entry(slotName).shape());
        }
      }
      float[] kernel = reader.readFloats("layer_with_weights-0/kernel" + VALUE);
      assertEquals(32, kernel.length);
      assertTrue(Arrays.stream(box(kernel)).anyMatch(v -> v != 0f), "trained kernel is not all zero");

      assertEquals(DataType.DT_INT64, index.entry("optimizer/iter" + VALUE).dtype());
      assertEquals(99L, reader.readLong("optimizer/iter" + VALUE));
      assertEquals(0.9f, reader.readFloat("optimizer/beta_1" + VALUE));
      assertEquals(0.999f, reader.readFloat("optimizer/beta_2" + VALUE));
      assertEquals(0.01f, reader.readFloat("optimizer/learning_rate" + VALUE));

      TrackableObjectGraph graph =
          TrackableObjectGraph.parseFrom(reader.readString("_CHECKPOINTABLE_OBJECT_GRAPH"));
      assertTrue(checkpointKeys(graph).contains("optimizer/iter" + VALUE));
    }
  }

  @Test
  void indexFileAndPrefixAreInterchangeable() throws IOException {
    Path prefix = prefix("half_plus_two_tf1_snappy/variables");
    CheckpointIndex fromPrefix = BundleIndexReader.read(prefix);
    CheckpointIndex fromIndex = BundleIndexReader.read(prefix.resolveSibling("variables.index"));
    assertEquals(fromPrefix.entries(), fromIndex.entries());
    assertEquals(fromPrefix.indexFile(), fromIndex.indexFile());
    assertEquals(prefix.toAbsolutePath().normalize(), fromIndex.prefix());
    assertEquals("variables.data-00000-of-00001", fromIndex.dataFile(0).getFileName().toString());
  }

  @Test
  void storedChecksumIsTheMaskedCrc32cOfTheRawBytes() throws IOException {
    try (BundleDataReader reader = BundleDataReader.open(prefix("half_plus_two_tf1_snappy/variables"))) {
      TensorEntry b = reader.index().entry("b");
      byte[] raw = reader.readBytes("b");
      assertArrayEquals(new byte[] {0, 0, 0, 0x40}, raw, "2.0f little-endian");
      assertEquals(MaskedCrc32c.masked(raw), b.maskedCrc32c());
    }
  }

  private static Set<String> checkpointKeys(TrackableObjectGraph graph) {
    Set<String> keys = new TreeSet<>();
    for (TrackableObjectGraph.TrackableObject node : graph.getNodesList()) {
      node.getAttributesList().forEach(a -> keys.add(a.getCheckpointKey()));
    }
    return keys;
  }

  private static Float[] box(float[] values) {
    Float[] boxed = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  /** Compression byte of the first data block, found via the footer's index handle. */
  static int firstDataBlockCompression(Path indexFile) throws IOException {
    byte[] bytes = Files.readAllBytes(indexFile);
    try {
      ByteCursor footer = new ByteCursor(bytes, bytes.length - SsTable.FOOTER_BYTES, bytes.length - 8);
      footer.varint64();
      footer.varint64();
      int indexOffset = (int) footer.varint64();
      int indexSize = (int) footer.varint64();
      byte[] indexBlock = Arrays.copyOfRange(bytes, indexOffset, indexOffset + indexSize);
      if (bytes[indexOffset + indexSize] == 1) {
        indexBlock = Snappy.uncompress(indexBlock);
      }
      byte[] handle = SsTableBlock.entries(indexBlock).get(0).value();
      ByteCursor handleCursor = new ByteCursor(handle, 0, handle.length);
      int offset = (int) handleCursor.varint64();
      int size = (int) handleCursor.varint64();
      return bytes[offset + size];
    } catch (MalformedException e) {
      throw new AssertionError(e);
    }
  }
}
