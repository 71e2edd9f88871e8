package org.rigl.imagenet.train;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.SummaryWriter;
import org.rigl.core.train.TrainStep;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethods;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.models.ForwardPass;
import org.rigl.models.Network;
import org.rigl.models.layers.LabelSmoothedCrossEntropy;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The TRAIN-mode graph of the reference's model functions ({@code resnet_model_fn_w_pruning},
 * {@code wide_resnet_w_pruning}): the task's input and network, softmax cross-entropy plus L2, the
 * task's learning rate and optimizer wrapped by the training method, batch-norm updates (the
 * {@code UPDATE_OPS} dependency) and the task's summaries.
 */
final class TrainGraph implements AutoCloseable {
  final Graph graph = new Graph();
  final Ops tf = Ops.create(graph);
  final Session session = new Session(graph);
  final MaskRegistry masks;
  final InputBatches input;
  final Variable<TInt64> globalStep;
  final Operand<TFloat32> loss;
  final List<Op> targets = new ArrayList<>();
  final SparseTrainingConfig sparse;
  final SummaryWriter summaries;
  final CheckpointSaver saver;

  TrainGraph(ImageClassifierTask task) {
    masks = new MaskRegistry(task.seed());
    Network network = task.buildNetwork(tf, masks);
    sparse = task.sparseTraining(network);
    input = task.input(tf, true);
    ForwardPass forward = network.apply(tf, input.images(), true);
    Operand<TFloat32> cross =
        LabelSmoothedCrossEntropy.loss(tf, forward.logits(), input.labels(), network.numClasses(), task.labelSmoothing());
    Operand<TFloat32> reg = network.regularizationLoss(tf, task.weightDecay());
    loss = tf.math.add(cross, reg);
    globalStep = GlobalStep.create(tf);

    Optimization optimization = task.optimization(tf, globalStep);
    TrainStep step =
        TrainingMethods.build(tf, sparse, optimization.optimizer(), loss, masks, network.otherTrainables(), globalStep);
    targets.add(step.trainOp());
    if (!forward.updateOps().isEmpty()) {
      targets.add(forward.updates(tf));
    }

    summaries = new SummaryWriter(tf, task.loop().outputDir(), globalStep);
    task.addTrainingSummaries(tf, summaries,
        new TrainingTensors(loss, cross, reg, optimization.learningRate(), step, masks, globalStep, forward, input));
    saver = new CheckpointSaver(tf, GraphVariables.all(graph));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
