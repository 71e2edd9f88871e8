package org.rigl.core;

import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Reads values out of a session for assertions. */
public final class TensorValues {
  private TensorValues() {}

  public static float[] floats(Session session, Operand<TFloat32> x) {
    try (Tensor t = session.runner().fetch(x).run().get(0)) {
      TFloat32 f = (TFloat32) t;
      float[] out = new float[Math.toIntExact(f.size())];
      f.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  public static float scalar(Session session, Operand<TFloat32> x) {
    try (Tensor t = session.runner().fetch(x).run().get(0)) {
      return ((TFloat32) t).getFloat();
    }
  }

  public static long int64(Session session, Operand<TInt64> x) {
    try (Tensor t = session.runner().fetch(x).run().get(0)) {
      return ((TInt64) t).getLong();
    }
  }

  public static boolean bool(Session session, Operand<TBool> x) {
    try (Tensor t = session.runner().fetch(x).run().get(0)) {
      return ((TBool) t).getBoolean();
    }
  }

  public static double sum(float[] values) {
    double s = 0;
    for (float v : values) {
      s += v;
    }
    return s;
  }
}
