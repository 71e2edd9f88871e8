package org.rigl.models.layers;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/** A variable a model created, with the exact TF1 name its checkpoint entry has. */
public record ModelVariable(String name, Variable<TFloat32> variable, VariableRole role) {

  public boolean trainable() {
    return role.trainable();
  }

  public Shape shape() {
    return variable.shape();
  }

  /** The graph-free description of this variable. */
  public VariableInfo info() {
    return new VariableInfo(name, shape().asArray(), dtypeName(variable.asOutput().dataType()), trainable(), role);
  }

  private static String dtypeName(DataType type) {
    return switch (type) {
      case DT_FLOAT, DT_FLOAT_REF -> "float32";
      case DT_INT64, DT_INT64_REF -> "int64";
      case DT_INT32, DT_INT32_REF -> "int32";
      default -> type.name().toLowerCase();
    };
  }
}
