package org.rigl.core.io;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Builds a {@code tf.Example}; putting a name twice replaces the earlier feature, as assigning to a
 * protobuf map does. Obtain one with {@link Examples#builder()}.
 */
public final class ExampleBuilder {
  private final Features.Builder features = Features.newBuilder();

  ExampleBuilder() {}

  /** A {@code bytes_list} feature. */
  public ExampleBuilder putBytes(String name, byte[]... values) {
    BytesList.Builder list = BytesList.newBuilder();
    for (byte[] value : values) {
      list.addValue(ByteString.copyFrom(value));
    }
    return put(name, Feature.newBuilder().setBytesList(list).build());
  }

  /** A {@code bytes_list} feature holding UTF-8 strings. */
  public ExampleBuilder putString(String name, String... values) {
    BytesList.Builder list = BytesList.newBuilder();
    for (String value : values) {
      list.addValue(ByteString.copyFrom(value, StandardCharsets.UTF_8));
    }
    return put(name, Feature.newBuilder().setBytesList(list).build());
  }

  /** An {@code int64_list} feature. */
  public ExampleBuilder putInt64(String name, long... values) {
    Int64List.Builder list = Int64List.newBuilder();
    for (long value : values) {
      list.addValue(value);
    }
    return put(name, Feature.newBuilder().setInt64List(list).build());
  }

  /** A {@code float_list} feature. */
  public ExampleBuilder putFloat(String name, float... values) {
    FloatList.Builder list = FloatList.newBuilder();
    for (float value : values) {
      list.addValue(value);
    }
    return put(name, Feature.newBuilder().setFloatList(list).build());
  }

  public Example build() {
    return Example.newBuilder().setFeatures(features.build()).build();
  }

  /** The serialized example, ready for {@link TfRecordWriter#write(byte[])}. */
  public byte[] toByteArray() {
    return build().toByteArray();
  }

  private ExampleBuilder put(String name, Feature feature) {
    Objects.requireNonNull(name, "feature name");
    features.putFeature(name, feature);
    return this;
  }
}
