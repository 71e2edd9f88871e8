package org.rigl.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rigl.core.mask.MaskRegistry;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A graph, its session and a mask registry for one test, with helpers to read values. */
public final class TfGraph implements AutoCloseable {
  public final Graph graph = new Graph();
  public final Ops tf = Ops.create(graph);
  public final Session session = new Session(graph);
  public final MaskRegistry masks;

  public TfGraph(long seed) {
    masks = new MaskRegistry(seed);
  }

  public TfGraph() {
    this(0);
  }

  public float[] floats(Operand<TFloat32> x) {
    return floats(List.of(x)).get(0);
  }

  /** Fetches several tensors in one run. */
  public List<float[]> floats(List<? extends Operand<TFloat32>> xs) {
    var runner = session.runner();
    xs.forEach(runner::fetch);
    List<float[]> values = new ArrayList<>();
    try (Result result = runner.run()) {
      for (int i = 0; i < xs.size(); i++) {
        TFloat32 t = (TFloat32) result.get(i);
        float[] out = new float[Math.toIntExact(t.size())];
        t.copyTo(DataBuffers.of(out, false, false));
        values.add(out);
      }
    }
    return values;
  }

  public Operand<TFloat32> constant(Shape shape, float... values) {
    return tf.constant(shape, DataBuffers.of(values, true, false));
  }

  /** A [n, h, w, c] batch of U(0, 1) pixels, fixed by {@code seed}. */
  public Operand<TFloat32> images(int n, int h, int w, int c, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[n * h * w * c];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble();
    }
    return constant(Shape.of(n, h, w, c), values);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
