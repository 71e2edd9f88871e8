package org.rigl.lm.model;

import java.util.ArrayList;
import java.util.List;
import org.rigl.lm.data.Batch;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Runs batches through an {@link LmGraph} carrying the GRU state from one batch to the next in
 * Java (truncated back-propagation): each run feeds the previous run's final states, or zeros
 * when the batch starts new sequences.
 */
public final class StatefulRunner {
  private final Session session;
  private final LmGraph graph;
  private final float[][] states;
  private final int[] units;
  private int stateBatch = -1;

  public StatefulRunner(Session session, LmGraph graph, List<Integer> units) {
    this.session = session;
    this.graph = graph;
    this.units = units.stream().mapToInt(Integer::intValue).toArray();
    this.states = new float[this.units.length][];
  }

  /** Forgets the carried state: the next batch starts from zeros. */
  public void reset() {
    stateBatch = -1;
  }

  /**
   * The state the next batch of {@code batchSize} rows continues from, one row-major
   * [batchSize, units] array per layer: zeros when nothing is carried.
   */
  public float[][] carried(int batchSize) {
    float[][] copy = new float[units.length][];
    for (int i = 0; i < units.length; i++) {
      copy[i] = stateBatch == batchSize ? states[i].clone() : new float[batchSize * units[i]];
    }
    return copy;
  }

  /** Continues from {@code carried} (as {@link #carried} gives it) unless the next batch starts sequences. */
  public void carry(float[][] carried, int batchSize) {
    for (int i = 0; i < units.length; i++) {
      if (carried[i].length != batchSize * units[i]) {
        throw new IllegalArgumentException("carried state " + i + " holds " + carried[i].length + " values, not "
            + batchSize + " x " + units[i]);
      }
      states[i] = carried[i].clone();
    }
    stateBatch = batchSize;
  }

  /**
   * Runs {@code targets} and fetches {@code fetches} (results 0..n-1 of the returned
   * {@link Result}, which the caller closes), then keeps the final states for the next batch.
   */
  public Result run(Batch batch, List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    if (batch.startsSequence() || stateBatch != batch.batchSize()) {
      for (int i = 0; i < units.length; i++) {
        states[i] = new float[batch.batchSize() * units[i]];
      }
      stateBatch = batch.batchSize();
    }
    Shape shape = Shape.of(batch.seqLen(), batch.batchSize());
    List<Tensor> feeds = new ArrayList<>();
    try {
      TInt32 inputs = track(feeds, TInt32.tensorOf(shape, DataBuffers.of(timeMajor(batch, batch.inputs()), true, false)));
      TInt32 targetIds = track(feeds, TInt32.tensorOf(shape, DataBuffers.of(timeMajor(batch, batch.targets()), true, false)));
      TFloat32 weights = track(feeds, TFloat32.tensorOf(shape, DataBuffers.of(timeMajor(batch, batch.weights()), true, false)));
      Session.Runner runner =
          session.runner().feed(graph.inputs, inputs).feed(graph.targets, targetIds).feed(graph.weights, weights);
      for (int i = 0; i < units.length; i++) {
        TFloat32 state = track(feeds, TFloat32.tensorOf(Shape.of(batch.batchSize(), units[i]), DataBuffers.of(states[i], true, false)));
        runner.feed(graph.initialStates.get(i), state);
      }
      fetches.forEach(runner::fetch);
      graph.finalStates.forEach(runner::fetch);
      targets.forEach(runner::addTarget);
      Result result = runner.run();
      for (int i = 0; i < units.length; i++) {
        ((TFloat32) result.get(fetches.size() + i)).copyTo(DataBuffers.of(states[i], false, false));
      }
      return result;
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  /** Row-major [batch, T] → [T, batch]. */
  private static int[] timeMajor(Batch b, int[] values) {
    int[] out = new int[values.length];
    for (int row = 0; row < b.batchSize(); row++) {
      for (int t = 0; t < b.seqLen(); t++) {
        out[t * b.batchSize() + row] = values[row * b.seqLen() + t];
      }
    }
    return out;
  }

  private static float[] timeMajor(Batch b, float[] values) {
    float[] out = new float[values.length];
    for (int row = 0; row < b.batchSize(); row++) {
      for (int t = 0; t < b.seqLen(); t++) {
        out[t * b.batchSize() + row] = values[row * b.seqLen() + t];
      }
    }
    return out;
  }

  private static <T extends Tensor> T track(List<Tensor> feeds, T tensor) {
    feeds.add(tensor);
    return tensor;
  }
}
