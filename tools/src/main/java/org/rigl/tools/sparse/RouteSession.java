package org.rigl.tools.sparse;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * A graph and its session with fixed inputs fed on every run: feeding hands TF the tensors without
 * a copy, and placeholders keep Grappler from folding the products into constants.
 */
final class RouteSession implements AutoCloseable {
  final Graph graph = new Graph();
  final Ops tf = Ops.create(graph);
  private final List<Operand<?>> placeholders = new ArrayList<>();
  private final List<Tensor> inputs = new ArrayList<>();
  private Session session;

  /**
   * Intra-op threads as asked and one inter-op thread, so each op is the only one running and the
   * thread count is the one measured.
   */
  static ConfigProto config(int intraOpThreads) {
    return ConfigProto.newBuilder().setIntraOpParallelismThreads(intraOpThreads).setInterOpParallelismThreads(1)
        .build();
  }

  Operand<TFloat32> floats(float[] data, long... shape) {
    return input(TFloat32.class, TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false)));
  }

  Operand<TInt64> longs(long[] data, long... shape) {
    return input(TInt64.class, TInt64.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false)));
  }

  private <T extends TType> Operand<T> input(Class<T> type, T tensor) {
    Operand<T> p = tf.placeholder(type);
    placeholders.add(p);
    inputs.add(tensor);
    return p;
  }

  void start(int intraOpThreads) {
    session = new Session(graph, config(intraOpThreads));
  }

  /** Runs the fetches; returns their values as floats when {@code read}, else drops them. */
  float[][] run(boolean read, Operand<?>... fetches) {
    Session.Runner runner = session.runner();
    for (int i = 0; i < placeholders.size(); i++) {
      runner.feed(placeholders.get(i), inputs.get(i));
    }
    for (Operand<?> f : fetches) {
      runner.fetch(f);
    }
    try (Result r = runner.run()) {
      if (!read) {
        return null;
      }
      float[][] out = new float[fetches.length][];
      for (int i = 0; i < fetches.length; i++) {
        TFloat32 t = (TFloat32) r.get(i);
        FloatDataBuffer buffer = DataBuffers.ofFloats(t.size());
        t.copyTo(buffer);
        out[i] = new float[(int) t.size()];
        buffer.read(out[i]);
      }
      return out;
    }
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    inputs.forEach(Tensor::close);
    graph.close();
  }
}
