package org.rigl.core.io;

import org.tensorflow.proto.DataType;

/** Bytes per element of the dtypes TensorFlow stores as raw memory ({@code DataTypeCanUseMemcpy}). */
final class DataTypeSizes {
  private DataTypeSizes() {}

  /** Element size in bytes, or 0 if the type is not stored as fixed-size elements. */
  static int bytesPerElement(DataType dtype) {
    return switch (dtype) {
      case DT_BOOL, DT_INT8, DT_UINT8, DT_QINT8, DT_QUINT8, DT_FLOAT8_E5M2, DT_FLOAT8_E4M3FN -> 1;
      case DT_INT16, DT_UINT16, DT_QINT16, DT_QUINT16, DT_HALF, DT_BFLOAT16 -> 2;
      case DT_FLOAT, DT_INT32, DT_UINT32, DT_QINT32 -> 4;
      case DT_DOUBLE, DT_INT64, DT_UINT64, DT_COMPLEX64 -> 8;
      case DT_COMPLEX128 -> 16;
      default -> 0;
    };
  }
}
