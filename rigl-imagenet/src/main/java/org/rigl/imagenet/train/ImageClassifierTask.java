package org.rigl.imagenet.train;

import java.util.Map;
import java.util.Optional;
import org.rigl.core.distributed.WorkerCluster;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.SummaryWriter;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.models.Network;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * What one of the reference's Estimator image classifiers ({@code imagenet_train_eval.py},
 * {@code cifar_resnet/resnet_train_eval.py}) does differently from the other: its input, network,
 * loss terms, learning rate, summaries and evaluation metrics. Everything they share (the training
 * step of every method, batch-norm updates, checkpoints, restore-or-initialise, the modes and
 * {@code eval_results.json}) is {@link ImageClassifierRun}'s.
 *
 * <p>Graph builders are called once per graph: a training graph calls {@link #buildNetwork},
 * {@link #input} (training), {@link #optimization} and {@link #addTrainingSummaries}; an evaluation
 * graph {@link #buildNetwork}, {@link #input} (evaluation) and {@link #evalBatchMetrics}.
 */
public interface ImageClassifierTask {

  /** The loop's flags: mode, output folder, steps, checkpoint cadence, initial masks/values. */
  TrainingLoopSettings loop();

  /** {@code --seed}: seeds the random masks. */
  long seed();

  /**
   * {@code --num_towers}: data-parallel towers each training step splits its batch over; 0 means
   * one per visible GPU (one on CPU).
   */
  default int numTowers() {
    return 1;
  }

  /** {@code --worker_hosts}: the worker tasks whose towers train together, or empty for in-process training. */
  default Optional<WorkerCluster> workers() {
    return Optional.empty();
  }

  /** The model, its masked layers registered in {@code masks}. */
  Network buildNetwork(Ops tf, MaskRegistry masks);

  /** The training method's configuration for this network (its custom sparsity map included). */
  SparseTrainingConfig sparseTraining(Network network);

  /** The training pipeline (repeated, augmented) or the evaluation one (one pass). */
  InputBatches input(Ops tf, boolean training);

  /** The training pipeline from its batch {@code startBatch} on, as if the batches before it were read. */
  InputBatches trainingInput(Ops tf, Operand<TInt64> startBatch);

  /** Of the softmax cross-entropy; 0 is {@code sparse_softmax_cross_entropy}. */
  float labelSmoothing();

  /** The L2 scale of every kernel ({@code get_regularization_loss}). */
  float weightDecay();

  /** The learning-rate schedule and the optimizer the training method wraps. */
  Optimization optimization(Ops tf, Variable<TInt64> globalStep);

  /** The reference's training summaries, written every {@link TrainingLoopSettings#summaryEverySteps()}. */
  void addTrainingSummaries(Ops tf, SummaryWriter summaries, TrainingTensors tensors);

  /** Evaluates with batch statistics (training-mode batch norm) instead of moving averages. */
  boolean evaluatesWithBatchStatistics();

  /**
   * Per-batch scalars of the evaluation graph; each is averaged over the evaluated batches.
   * {@code regularization} is the L2 term of the loss at the restored weights.
   */
  Map<String, Operand<TFloat32>> evalBatchMetrics(
      Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, Operand<TFloat32> regularization);

  /** The metrics {@code eval_results.json} reports, in order, from the batch averages. */
  default Map<String, Double> evalResults(Map<String, Double> batchMeans) {
    return batchMeans;
  }

  /**
   * The folder under the output directory that receives each evaluation's metrics as TensorBoard
   * scalars at the checkpoint's step (the Estimator's {@code eval_dir}), or empty for none.
   */
  default Optional<String> evalSummaryDir() {
    return Optional.empty();
  }

  /** The scalars one evaluation writes to {@link #evalSummaryDir()}. */
  default Map<String, Double> evalSummaries(EvalResults results) {
    return results.metrics();
  }

  /** How many evaluation batches one evaluation runs. */
  long evalBatches();

  /** Called when the evaluation data ends after {@code batchesRead} batches; throws if that is an error. */
  void evalDataEnded(long batchesRead);
}
