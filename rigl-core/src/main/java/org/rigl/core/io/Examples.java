package org.rigl.core.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Reads typed features out of a {@code tf.Example}, failing with a message that names the feature
 * (and lists the ones present) when it is missing, of another kind, or not a single value; builds
 * examples through {@link #builder()}.
 */
public final class Examples {
  private Examples() {}

  public static ExampleBuilder builder() {
    return new ExampleBuilder();
  }

  /** Parses a serialized {@code tf.Example} (e.g. a TFRecord record). */
  public static Example parse(byte[] serialized) {
    try {
      return Example.parseFrom(serialized);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "Not a serialized tf.Example (" + serialized.length + " bytes): " + e.getMessage(), e);
    }
  }

  public static boolean has(Example example, String name) {
    return example.getFeatures().containsFeature(name);
  }

  /** All values of a {@code bytes_list} feature. */
  public static List<ByteString> bytesList(Example example, String name) {
    return feature(example, name, Feature.KindCase.BYTES_LIST).getBytesList().getValueList();
  }

  /** The single value of a {@code bytes_list} feature. */
  public static byte[] bytes(Example example, String name) {
    List<ByteString> values = bytesList(example, name);
    requireSingle(name, values.size());
    return values.get(0).toByteArray();
  }

  /** The single value of a {@code bytes_list} feature, decoded as UTF-8. */
  public static String string(Example example, String name) {
    return new String(bytes(example, name), StandardCharsets.UTF_8);
  }

  /** All values of an {@code int64_list} feature. */
  public static long[] int64s(Example example, String name) {
    Int64List list = feature(example, name, Feature.KindCase.INT64_LIST).getInt64List();
    long[] values = new long[list.getValueCount()];
    for (int i = 0; i < values.length; i++) {
      values[i] = list.getValue(i);
    }
    return values;
  }

  /** The single value of an {@code int64_list} feature. */
  public static long int64(Example example, String name) {
    long[] values = int64s(example, name);
    requireSingle(name, values.length);
    return values[0];
  }

  /** All values of a {@code float_list} feature. */
  public static float[] floats(Example example, String name) {
    FloatList list = feature(example, name, Feature.KindCase.FLOAT_LIST).getFloatList();
    float[] values = new float[list.getValueCount()];
    for (int i = 0; i < values.length; i++) {
      values[i] = list.getValue(i);
    }
    return values;
  }

  /** The single value of a {@code float_list} feature. */
  public static float float32(Example example, String name) {
    float[] values = floats(example, name);
    requireSingle(name, values.length);
    return values[0];
  }

  private static Feature feature(Example example, String name, Feature.KindCase expected) {
    Feature feature = example.getFeatures().getFeatureOrDefault(name, null);
    if (feature == null) {
      throw new IllegalArgumentException(
          "tf.Example has no feature '"
              + name
              + "' (it has "
              + new TreeSet<>(example.getFeatures().getFeatureMap().keySet())
              + ")");
    }
    Feature.KindCase actual = feature.getKindCase();
    // An empty list that was never set has no kind; treat it as an empty list of the expected kind.
    if (actual != expected && actual != Feature.KindCase.KIND_NOT_SET) {
      throw new IllegalArgumentException(
          "tf.Example feature '"
              + name
              + "' is a "
              + kindName(actual)
              + ", not a "
              + kindName(expected));
    }
    return feature;
  }

  private static void requireSingle(String name, int count) {
    if (count != 1) {
      throw new IllegalArgumentException(
          "tf.Example feature '" + name + "' has " + count + " values, expected exactly 1");
    }
  }

  private static String kindName(Feature.KindCase kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
