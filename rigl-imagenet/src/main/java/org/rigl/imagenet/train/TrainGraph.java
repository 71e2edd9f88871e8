package org.rigl.imagenet.train;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.AdamOptimizer;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.GradientAndVariable;
import org.rigl.core.train.LearningRates;
import org.rigl.core.train.MomentumOptimizer;
import org.rigl.core.train.SummaryWriter;
import org.rigl.core.train.TrainStep;
import org.rigl.core.train.WrappedOptimizer;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethods;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.imagenet.input.ImageNetInput;
import org.rigl.imagenet.input.ImageNetInputConfig;
import org.rigl.models.ForwardPass;
import org.rigl.models.ModelZoo;
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
 * The training graph of {@code resnet_model_fn_w_pruning} in TRAIN mode: input, network, label-
 * smoothed cross-entropy plus L2, the learning-rate schedule, Nesterov momentum (or Adam), the
 * training method's step, batch-norm updates and the reference's training summaries.
 */
final class TrainGraph implements AutoCloseable {
  final Graph graph = new Graph();
  final Ops tf = Ops.create(graph);
  final Session session = new Session(graph);
  final MaskRegistry masks;
  final Network network;
  final InputBatches input;
  final Variable<TInt64> globalStep;
  final Operand<TFloat32> loss;
  final List<Op> targets = new ArrayList<>();
  final SparseTrainingConfig sparse;
  final SummaryWriter summaries;
  final CheckpointSaver saver;

  TrainGraph(ImageNetSetup setup) {
    ImageNetFlags f = setup.flags();
    masks = new MaskRegistry(f.seed);
    network = ModelZoo.build(setup.modelName(), setup.modelFlags(), tf, masks);
    sparse = setup.sparseFor(network.customSparsityMap());
    input = ImageNetInput.build(tf, inputConfig(f, true, f.trainBatchSize), "train_input");
    ForwardPass forward = network.apply(tf, input.images(), true);
    Operand<TFloat32> cross =
        LabelSmoothedCrossEntropy.loss(tf, forward.logits(), input.labels(), f.numLabelClasses, (float) f.labelSmoothing);
    Operand<TFloat32> reg = network.regularizationLoss(tf, (float) f.weightDecay);
    loss = tf.math.add(cross, reg);
    globalStep = GlobalStep.create(tf);

    Operand<TFloat32> epoch = LearningRates.currentEpoch(tf, globalStep, f.numTrainImages, f.trainBatchSize);
    double scaled = f.baseLearningRate * (f.trainBatchSize / 256.0);
    Operand<TFloat32> learningRate;
    WrappedOptimizer optimizer;
    if (f.useAdam) {
      learningRate = tf.constant((float) scaled);
      optimizer = new AdamOptimizer(learningRate);
    } else {
      learningRate = f.useSgdr
          ? LearningRates.cosineDecayRestarts(tf, (float) scaled, epoch, f.sgdrDecayStep, f.sgdrTMul, f.sgdrMMul)
          : LearningRates.epochSteps(tf, epoch, f.baseLearningRate, f.trainBatchSize, setup.lrSchedule());
      optimizer = new MomentumOptimizer(learningRate, f.momentum, true);
    }
    TrainStep step = TrainingMethods.build(tf, sparse, optimizer, loss, masks, network.otherTrainables(), globalStep);
    targets.add(step.trainOp());
    if (!forward.updateOps().isEmpty()) {
      targets.add(forward.updates(tf));
    }

    summaries = new SummaryWriter(tf, setup.outputDir(), globalStep)
        .scalar("loss", loss).scalar("cross_loss", cross).scalar("reg_loss", reg)
        .scalar("learning_rate", learningRate).scalar("current_epoch", epoch)
        .scalar("drop_fraction", step.dropFraction())
        .scalar("global_sparsity", globalSparsity(tf, masks))
        .scalar("grad_norm", norm(tf, step.gradients().variableGradients(), true))
        .scalar("var_norm", norm(tf, step.gradients().variableGradients(), false));
    // utils.mask_summaries: 'pruning/<mask>/sparsity', and with --log_mask_imgs_each_iteration the
    // mask as an image 'mask/<mask>' of shape (1, -1, last_dim, 1).
    for (MaskedWeights layer : masks.layers()) {
      summaries.scalar("pruning/" + layer.maskName() + "/sparsity", Metrics.sparsity(tf, layer.mask()));
      if (f.logMaskImgsEachIteration) {
        long last = layer.shape().size(layer.shape().numDimensions() - 1);
        summaries.image("mask/" + layer.maskName(), tf.reshape(layer.mask(), tf.constant(new long[] {1, -1, last, 1})));
      }
    }
    saver = new CheckpointSaver(tf, GraphVariables.all(graph));
  }

  static ImageNetInputConfig inputConfig(ImageNetFlags f, boolean training, int batchSize) {
    return ImageNetInputConfig.of(f.dataDirectory, training, batchSize)
        .withImageSize(f.imageSize)
        .withLabelOffset(f.labelOffset)
        .withNumClasses(f.numLabelClasses)
        .withNumParallelCalls(f.numParallelCalls)
        .withSeed(f.seed)
        .withSkipBadRecords(f.skipBadRecords);
  }

  /** 1 - (ones of all masks) / (entries of all masks): sparse_utils.calculate_sparsity. */
  private static Operand<TFloat32> globalSparsity(Ops tf, MaskRegistry masks) {
    if (masks.layers().isEmpty()) {
      return tf.constant(0f);
    }
    Operand<TFloat32> ones = tf.constant(0f);
    long total = 0;
    for (MaskedWeights layer : masks.layers()) {
      ones = tf.math.add(ones, tf.reduceSum(tf.reshape(layer.mask(), tf.constant(new int[] {-1})), tf.constant(0)));
      total += layer.shape().size();
    }
    return tf.math.sub(tf.constant(1f), tf.math.div(ones, tf.constant((float) total)));
  }

  /** Euclidean norm over every gradient (or variable) at once, as the reference's grad_norm / var_norm. */
  private static Operand<TFloat32> norm(Ops tf, List<GradientAndVariable> pairs, boolean gradients) {
    Operand<TFloat32> sum = tf.constant(0f);
    for (GradientAndVariable gv : pairs) {
      Operand<TFloat32> x = gradients ? gv.gradient() : gv.variable();
      sum = tf.math.add(sum, tf.reduceSum(tf.math.square(tf.reshape(x, tf.constant(new int[] {-1}))), tf.constant(0)));
    }
    return tf.math.sqrt(sum);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
