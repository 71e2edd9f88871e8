package org.rigl.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.Example;

@Tag("fast")
class ExamplesTest {
  private static final Example EXAMPLE =
      Examples.builder()
          .putBytes("image/encoded", new byte[] {(byte) 0xFF, (byte) 0xD8, 1})
          .putString("image/format", "JPEG")
          .putInt64("image/class/label", 7)
          .putInt64("shape", 2, 3, 4)
          .putFloat("bbox/xmin", 0.25f)
          .putFloat("scores", 0.5f, -1.5f)
          .putInt64("empty")
          .build();

  @Test
  void buildsAndReadsEveryFeatureKind() {
    Example example = Examples.parse(EXAMPLE.toByteArray());
    assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8, 1}, Examples.bytes(example, "image/encoded"));
    assertEquals("JPEG", Examples.string(example, "image/format"));
    assertEquals(7L, Examples.int64(example, "image/class/label"));
    assertArrayEquals(new long[] {2, 3, 4}, Examples.int64s(example, "shape"));
    assertEquals(0.25f, Examples.float32(example, "bbox/xmin"));
    assertArrayEquals(new float[] {0.5f, -1.5f}, Examples.floats(example, "scores"));
    assertEquals(1, Examples.bytesList(example, "image/format").size());
    assertArrayEquals(new long[0], Examples.int64s(example, "empty"));
    assertTrue(Examples.has(example, "shape"));
    assertFalse(Examples.has(example, "image/height"));
  }

  @Test
  void builderSerializesToTheSameBytesAsBuild() {
    var builder = Examples.builder().putString("text", "héllo").putInt64("n", -1);
    assertArrayEquals(builder.build().toByteArray(), builder.toByteArray());
    assertEquals("héllo", Examples.string(Examples.parse(builder.toByteArray()), "text"));
  }

  @Test
  void missingFeatureIsNamedAlongWithThePresentOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Examples.int64(EXAMPLE, "image/height"));
    assertTrue(e.getMessage().contains("'image/height'"), e.getMessage());
    assertTrue(e.getMessage().contains("image/class/label"), e.getMessage());
  }

  @Test
  void wrongKindIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Examples.floats(EXAMPLE, "image/class/label"));
    assertEquals("tf.Example feature 'image/class/label' is a int64_list, not a float_list", e.getMessage());
  }

  @Test
  void singleValueAccessorRejectsLists() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Examples.int64(EXAMPLE, "shape"));
    assertEquals("tf.Example feature 'shape' has 3 values, expected exactly 1", e.getMessage());
  }

  @Test
  void garbageIsNotAnExample() {
    byte[] garbage = "\u00ff\u00ff\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Examples.parse(garbage));
    assertTrue(e.getMessage().startsWith("Not a serialized tf.Example (3 bytes)"), e.getMessage());
  }
}
