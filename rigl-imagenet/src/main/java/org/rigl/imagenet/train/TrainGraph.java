package org.rigl.imagenet.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rigl.core.distributed.WorkerCluster;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.TowerDevices;
import org.rigl.core.train.SummaryWriter;
import org.rigl.core.train.TrainStep;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.models.ForwardPass;
import org.rigl.models.Network;
import org.rigl.models.layers.LabelSmoothedCrossEntropy;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The TRAIN-mode graph of the reference's model functions ({@code resnet_model_fn_w_pruning},
 * {@code wide_resnet_w_pruning}): the task's input and network, softmax cross-entropy plus L2, the
 * task's learning rate and optimizer wrapped by the training method, batch-norm updates (the
 * {@code UPDATE_OPS} dependency) and the task's summaries.
 *
 * <p>With {@code --num_towers} N > 1 the batch is split over N data-parallel towers (one per GPU,
 * or per CPU device of the session), their gradients averaged as the reference's TPU path does, and
 * one optimizer step and one mask update read the averages. Each tower's forward and backward pass
 * run on its device ({@link Gradients#compute(Ops, Operand, List, List)}).
 *
 * <p>With {@code --worker_hosts} the towers are the worker tasks ({@code /job:worker/task:i}) and
 * everything else (variables, input, the step, summaries, the saver) is on task 0, whose gRPC
 * master runs the session: in-graph replication, one copy of the masks and weights.
 */
final class TrainGraph implements AutoCloseable {
  final Graph graph = new Graph();
  final Ops tf;
  final Session session;
  /** Whether the session is a worker cluster's (its variables are initialised explicitly). */
  final boolean distributed;
  final MaskRegistry masks;
  final InputBatches input;
  /**
   * {@code input/batches_consumed}: batches read since the input last started from its first batch,
   * one per step run (the global step stands still on some methods' mask-update steps).
   */
  static final String INPUT_POSITION = "input/batches_consumed";
  final Variable<TInt64> inputPosition;
  /** Sets the input position back to the first batch. */
  final Op restartInput;
  final Variable<TInt64> globalStep;
  final Operand<TFloat32> loss;
  final List<Op> targets = new ArrayList<>();
  /** global_step read after the step's targets ran: fetched with them, no second run per step. */
  final Operand<TInt64> globalStepAfter;
  final SparseTrainingConfig sparse;
  final SummaryWriter summaries;
  final CheckpointSaver saver;
  /** The training method's step (its gradients are the towers' mean with several towers). */
  final TrainStep step;
  /** Each tower's requested device; one entry (and no device scope) for a single tower. */
  final List<DeviceSpec> towerDevices;

  TrainGraph(ImageClassifierTask task) {
    Optional<WorkerCluster> workers = task.workers();
    distributed = workers.isPresent();
    int visibleGpus = distributed || task.numTowers() == 1 ? 0 : TowerDevices.visibleGpus();
    int towers = distributed ? workers.get().size() : TowerDevices.resolveCount(task.numTowers(), visibleGpus);
    if (task.loop().batchSize() % towers != 0) {
      graph.close();
      throw new IllegalArgumentException(
          "the training batch " + task.loop().batchSize() + " does not split evenly over " + towers + " towers");
    }
    if (distributed) {
      // In-graph replication: everything but the towers (variables, input, step) on task 0.
      towerDevices = new ArrayList<>();
      for (int i = 0; i < towers; i++) {
        towerDevices.add(WorkerCluster.device(i));
      }
      tf = Ops.create(graph).withDevice(WorkerCluster.device(0));
      workers.get().serving(0);
      session = workers.get().session(graph, 0, ConfigProto.newBuilder().setAllowSoftPlacement(true).build());
    } else {
      towerDevices = TowerDevices.place(towers, visibleGpus);
      tf = Ops.create(graph);
      session = towers == 1 && visibleGpus == 0 ? new Session(graph) : new Session(graph, TowerDevices.sessionConfig(towers, visibleGpus));
    }
    masks = new MaskRegistry(task.seed());
    Network network = task.buildNetwork(tf, masks);
    sparse = task.sparseTraining(network);
    // Where the input stream stands, saved with every checkpoint: a resumed run's pipeline starts there.
    inputPosition = ScopedNames.variable(tf, INPUT_POSITION, tf.constant(0L));
    restartInput = tf.assign(inputPosition, tf.constant(0L));
    input = task.trainingInput(tf, inputPosition);
    ForwardPass forward;
    Operand<TFloat32> cross;
    Operand<TFloat32> reg;
    List<Gradients> towerGradients = List.of();
    if (towers == 1) {
      forward = network.apply(tf, input.images(), true);
      cross = LabelSmoothedCrossEntropy.loss(tf, forward.logits(), input.labels(), network.numClasses(), task.labelSmoothing());
      reg = network.regularizationLoss(tf, task.weightDecay());
    } else {
      reg = network.regularizationLoss(tf, task.weightDecay());
      Towers t = buildTowers(task, network, reg);
      forward = t.forward();
      cross = t.crossEntropy();
      towerGradients = t.gradients();
    }
    loss = tf.math.add(cross, reg);
    globalStep = GlobalStep.create(tf);

    Optimization optimization = task.optimization(tf, globalStep);
    step = towers == 1
        ? sparse.buildStep(tf, optimization.optimizer(), Gradients.compute(graph, loss, masks.layers(), network.otherTrainables()), masks, globalStep, GradientTransform.identity())
        : sparse.buildStep(tf, optimization.optimizer(), Gradients.average(tf, towerGradients), masks, globalStep, GradientTransform.identity());
    targets.add(step.trainOp());
    targets.add(tf.assignAdd(inputPosition, tf.constant(1L)));
    if (!forward.updateOps().isEmpty()) {
      targets.add(forward.updates(tf));
    }
    globalStepAfter = tf.withControlDependencies(targets).identity(globalStep);

    summaries = new SummaryWriter(tf, task.loop().outputDir(), globalStep);
    task.addTrainingSummaries(tf, summaries,
        new TrainingTensors(loss, cross, reg, optimization.learningRate(), step, masks, globalStep, forward, input));
    saver = new CheckpointSaver(tf, GraphVariables.all(graph));
  }

  /** The towers' gradients, their mean cross-entropy and one forward pass over the whole batch. */
  private record Towers(List<Gradients> gradients, Operand<TFloat32> crossEntropy, ForwardPass forward) {}

  /**
   * Splits the batch into equal shards, one per tower; each tower applies the shared network under
   * its device scope and differentiates its own loss (its shard's cross-entropy plus the L2 term),
   * so the towers' mean gradient is the whole batch's. The logits are concatenated back into batch
   * order for the summaries. Batch-norm moving averages take tower 0's updates only: concurrent
   * assigns from every tower would race, and the reference's TPU replicas each keep their own
   * moving averages of which the checkpoint holds replica 0's.
   */
  private Towers buildTowers(ImageClassifierTask task, Network network, Operand<TFloat32> reg) {
    int towers = towerDevices.size();
    List<Output<TFloat32>> images = tf.split(tf.constant(0), input.images(), (long) towers).output();
    List<Output<TInt32>> labels = tf.split(tf.constant(0), input.labels(), (long) towers).output();
    List<Gradients> gradients = new ArrayList<>();
    List<Operand<TFloat32>> crossEntropies = new ArrayList<>();
    List<Operand<TFloat32>> logits = new ArrayList<>();
    List<Op> firstTowerUpdates = List.of();
    for (int i = 0; i < towers; i++) {
      Ops tower = tf.withSubScope("tower_" + i).withDevice(towerDevices.get(i));
      ForwardPass pass = network.apply(tower, images.get(i), true);
      Operand<TFloat32> cross = LabelSmoothedCrossEntropy.loss(
          tower, pass.logits(), labels.get(i), network.numClasses(), task.labelSmoothing());
      gradients.add(Gradients.compute(tower, tower.math.add(cross, reg), masks.layers(), network.otherTrainables()));
      crossEntropies.add(cross);
      logits.add(pass.logits());
      if (i == 0) {
        firstTowerUpdates = pass.updateOps();
      }
    }
    Operand<TFloat32> meanCross = tf.math.mul(tf.math.addN(crossEntropies), tf.constant(1f / towers));
    return new Towers(gradients, meanCross, new ForwardPass(tf.concat(logits, tf.constant(0)), firstTowerUpdates));
  }
  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
