package org.rigl.imagenet;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A graph and session for one test, with helpers that fetch whole tensors as Java arrays. */
public final class GraphRunner implements AutoCloseable {
  public final Graph graph = new Graph();
  public final Ops tf = Ops.create(graph);
  public final Session session = new Session(graph);

  public void run(Op op) {
    session.run(op);
  }

  public float[] floats(Operand<TFloat32> operand) {
    try (Result result = session.runner().fetch(operand).run()) {
      return toFloats((TFloat32) result.get(0));
    }
  }

  public int[] ints(Operand<TInt32> operand) {
    try (Result result = session.runner().fetch(operand).run()) {
      return toInts((TInt32) result.get(0));
    }
  }

  public static float[] toFloats(TFloat32 tensor) {
    float[] values = new float[(int) tensor.shape().size()];
    tensor.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  public static int[] toInts(TInt32 tensor) {
    int[] values = new int[(int) tensor.shape().size()];
    tensor.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
