package org.rigl.imagenet.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskStatistics;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.GlobalStep;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.models.ForwardPass;
import org.rigl.models.Network;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The EVAL-mode graph: the task's network with moving averages (or batch statistics), the task's
 * per-batch metrics and every mask's sparsity, restored from a checkpoint and run over the task's
 * number of evaluation batches (the Estimator's {@code evaluate(steps=...)}).
 */
final class EvalGraph implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final Session session = new Session(graph);
  private final ImageClassifierTask task;
  private final MaskRegistry masks;
  private final InputBatches input;
  private final Variable<TInt64> globalStep;
  private final Map<String, Operand<TFloat32>> batchMetrics;
  private final CheckpointSaver saver;

  EvalGraph(ImageClassifierTask task) {
    this.task = task;
    masks = new MaskRegistry(task.seed());
    Network network = task.buildNetwork(tf, masks);
    input = task.input(tf, false);
    ForwardPass forward = network.apply(tf, input.images(), task.evaluatesWithBatchStatistics());
    globalStep = GlobalStep.create(tf);
    batchMetrics = task.evalBatchMetrics(
        tf, forward.logits(), input.labels(), network.regularizationLoss(tf, task.weightDecay()));
    saver = new CheckpointSaver(tf, GraphVariables.all(graph));
  }

  /** Restores {@code checkpoint} and averages the batch metrics over the evaluation batches. */
  EvalResults evaluate(Path checkpoint) throws IOException {
    saver.restore(session, checkpoint.toString(), saver.variables().keySet());
    session.run(input.initializer());
    List<String> names = new ArrayList<>(batchMetrics.keySet());
    double[] sums = new double[names.size()];
    long batches = 0;
    while (batches < task.evalBatches()) {
      var runner = session.runner();
      names.forEach(name -> runner.fetch(batchMetrics.get(name)));
      try (Result r = runner.run()) {
        for (int i = 0; i < sums.length; i++) {
          sums[i] += ((TFloat32) r.get(i)).getFloat();
        }
      } catch (TFOutOfRangeException e) {
        task.evalDataEnded(batches);
        break;
      } catch (RuntimeException e) {
        throw input.explain(e);
      }
      batches++;
    }
    Map<String, Double> means = new LinkedHashMap<>();
    for (int i = 0; i < sums.length; i++) {
      means.put(names.get(i), sums[i] / batches);
    }
    Map<String, Double> sparsity = new LinkedHashMap<>();
    for (MaskedWeights layer : masks.layers()) {
      try (Result r = session.runner().fetch(MaskStatistics.zeroFraction(tf, layer.mask())).run()) {
        sparsity.put(layer.maskName(), (double) ((TFloat32) r.get(0)).getFloat());
      }
    }
    long step;
    try (Result r = session.runner().fetch(globalStep).run()) {
      step = ((TInt64) r.get(0)).getLong();
    }
    return new EvalResults(step, task.evalResults(means), sparsity);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
