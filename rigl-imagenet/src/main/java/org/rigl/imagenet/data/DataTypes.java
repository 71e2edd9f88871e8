package org.rigl.imagenet.data;

import java.util.List;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.annotation.TensorType;
import org.tensorflow.types.family.TType;

/** The proto {@link DataType} of TF Java tensor classes, for attributes set by hand. */
final class DataTypes {
  private DataTypes() {}

  static DataType of(Class<? extends TType> type) {
    return type.getAnnotation(TensorType.class).dataType();
  }

  static DataType[] of(List<Class<? extends TType>> types) {
    return types.stream().map(DataTypes::of).toArray(DataType[]::new);
  }
}
