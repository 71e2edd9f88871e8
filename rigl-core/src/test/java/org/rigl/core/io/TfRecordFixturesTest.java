package org.rigl.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.Example;

/** Reads TFRecord files written by Python TensorFlow. */
@Tag("fast")
class TfRecordFixturesTest {
  private static final int SHARDS = 8;

  @Test
  void fakeImagenetShardsHold64LabelledJpegExamplesEach() throws IOException {
    Set<Long> labelsSeen = new TreeSet<>();
    int total = 0;
    for (int shard = 0; shard < SHARDS; shard++) {
      Path file = TestData.path(String.format("tfrecords/fake_imagenet/train-%05d-of-%05d", shard, SHARDS));
      List<byte[]> records = TfRecordReader.readAll(file, TfRecordCompression.NONE);
      assertEquals(64, records.size(), file.toString());
      for (byte[] record : records) {
        Example example = Examples.parse(record);
        long label = Examples.int64(example, "image/class/label");
        assertTrue(label >= 0 && label <= 9, "label " + label);
        labelsSeen.add(label);
        byte[] jpeg = Examples.bytes(example, "image/encoded");
        assertEquals(0xFF, jpeg[0] & 0xff);
        assertEquals(0xD8, jpeg[1] & 0xff);
        assertEquals(3, Examples.int64(example, "image/channels"));
        long height = Examples.int64(example, "image/height");
        long width = Examples.int64(example, "image/width");
        assertTrue(height >= 30 && height <= 299 && width >= 30 && width <= 299, height + "x" + width);
        assertEquals("JPEG", Examples.string(example, "image/format"));
        total++;
      }
    }
    assertEquals(SHARDS * 64, total);
    assertTrue(labelsSeen.size() > 1, "labels vary: " + labelsSeen);
  }

  @Test
  void gzipPenguinFileHolds234Examples() throws IOException {
    Path file = TestData.path("tfrecords/penguin_train_data_tfrecord-00000-of-00001.gz");
    assertEquals(TfRecordCompression.GZIP, TfRecordCompression.fromFileName(file));
    List<byte[]> records = TfRecordReader.readAll(file, TfRecordCompression.GZIP);
    assertEquals(234, records.size());
    Set<String> expectedFeatures =
        Set.of("body_mass_g", "culmen_depth_mm", "culmen_length_mm", "flipper_length_mm", "species");
    Set<Long> species = new TreeSet<>();
    for (byte[] record : records) {
      Example example = Examples.parse(record);
      assertEquals(expectedFeatures, example.getFeatures().getFeatureMap().keySet());
      for (String measurement :
          List.of("body_mass_g", "culmen_depth_mm", "culmen_length_mm", "flipper_length_mm")) {
        float value = Examples.float32(example, measurement);
        assertTrue(value >= 0f && value <= 1f, measurement + "=" + value);
      }
      species.add(Examples.int64(example, "species"));
    }
    assertEquals(Set.of(0L, 1L, 2L), species);
  }
}
