package org.rigl.imagenet.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.GlobalStep;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.imagenet.input.ImageNetInput;
import org.rigl.models.ForwardPass;
import org.rigl.models.ModelZoo;
import org.rigl.models.Network;
import org.rigl.models.layers.LabelSmoothedCrossEntropy;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The EVAL-mode graph: the network with moving averages (batch statistics with
 * {@code --use_batch_statistics}), top-1 and top-5 accuracy, the label-smoothed cross-entropy,
 * and every mask's sparsity, restored from a checkpoint and run over {@code num_eval_images}.
 */
final class EvalGraph implements AutoCloseable {
  /** The evaluation of one checkpoint, as {@code eval_results.json} holds it. */
  record Results(long globalStep, double top1, double top5, double crossLoss, Map<String, Double> sparsity) {}

  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final Session session = new Session(graph);
  private final ImageNetSetup setup;
  private final MaskRegistry masks;
  private final InputBatches input;
  private final Variable<TInt64> globalStep;
  private final Operand<TFloat32> top1;
  private final Operand<TFloat32> top5;
  private final Operand<TFloat32> cross;
  private final CheckpointSaver saver;

  EvalGraph(ImageNetSetup setup) {
    this.setup = setup;
    ImageNetFlags f = setup.flags();
    masks = new MaskRegistry(f.seed);
    Network network = ModelZoo.build(setup.modelName(), setup.modelFlags(), tf, masks);
    input = ImageNetInput.build(tf, TrainGraph.inputConfig(f, false, f.evalBatchSize)
        .withSplit(f.evalOnTrain ? "train" : "validation"), "eval_input");
    ForwardPass forward = network.apply(tf, input.images(), f.useBatchStatistics);
    globalStep = GlobalStep.create(tf);
    top1 = inTopK(forward.logits(), 1);
    top5 = inTopK(forward.logits(), Math.min(5, f.numLabelClasses));
    cross = LabelSmoothedCrossEntropy.loss(tf, forward.logits(), input.labels(), f.numLabelClasses, (float) f.labelSmoothing);
    saver = new CheckpointSaver(tf, GraphVariables.all(graph));
  }

  private Operand<TFloat32> inTopK(Operand<TFloat32> logits, int k) {
    Operand<TBool> hit = tf.nn.inTopK(logits, input.labels(), tf.constant(k));
    return tf.math.mean(tf.dtypes.cast(hit, TFloat32.class), tf.constant(0));
  }

  /** Restores {@code checkpoint} and evaluates {@code num_eval_images / eval_batch_size} batches. */
  Results evaluate(Path checkpoint) throws IOException {
    ImageNetFlags f = setup.flags();
    saver.restore(session, checkpoint.toString(), saver.variables().keySet());
    session.run(input.initializer());
    long batches = f.numEvalImages / f.evalBatchSize;
    double sum1 = 0;
    double sum5 = 0;
    double sumCross = 0;
    for (long b = 0; b < batches; b++) {
      try (Result r = session.runner().fetch(top1).fetch(top5).fetch(cross).run()) {
        sum1 += ((TFloat32) r.get(0)).getFloat();
        sum5 += ((TFloat32) r.get(1)).getFloat();
        sumCross += ((TFloat32) r.get(2)).getFloat();
      } catch (org.tensorflow.exceptions.TFOutOfRangeException e) {
        throw new IllegalArgumentException("--num_eval_images " + f.numEvalImages + " needs " + batches
            + " batches of " + f.evalBatchSize + " but the evaluation data ended after " + b);
      } catch (RuntimeException e) {
        throw input.explain(e);
      }
    }
    Map<String, Double> sparsity = new LinkedHashMap<>();
    for (MaskedWeights layer : masks.layers()) {
      try (Result r = session.runner().fetch(Metrics.sparsity(tf, layer.mask())).run()) {
        sparsity.put(layer.maskName(), (double) ((TFloat32) r.get(0)).getFloat());
      }
    }
    long step;
    try (Result r = session.runner().fetch(globalStep).run()) {
      step = ((TInt64) r.get(0)).getLong();
    }
    return new Results(step, sum1 / batches, sum5 / batches, sumCross / batches, sparsity);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
