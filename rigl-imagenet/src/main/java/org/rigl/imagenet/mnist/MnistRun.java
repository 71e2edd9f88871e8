package org.rigl.imagenet.mnist;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.sparse.SparseComputeMode;
import org.rigl.core.train.loop.CheckpointCadence;
import org.rigl.core.train.loop.EvaluationCadence;
import org.rigl.core.train.loop.ProgressFormat;
import org.rigl.core.train.loop.SummaryCadence;
import org.rigl.core.train.loop.TrainingListener;
import org.rigl.core.train.loop.TrainingLoop;

/**
 * Port of {@code mnist/mnist_train_eval.py}: the 784-300-100-10 MLP trained with any
 * {@code --training_method}, evaluated on the whole test set once per epoch (or every
 * {@code evalEverySteps}), printing the script's per-epoch line and compressed-shape report, and
 * leaving the script's files in {@code save_path}: the same lines in
 * {@code <hyper_params_string>.txt}, TensorBoard events, the final checkpoint {@code model.ckpt} and
 * any mask records. With an input mask the network takes only the pixels it keeps, so the input
 * width comes from the data.
 */
public final class MnistRun {
  private final MnistFlags flags;
  private final PrintStream log;

  /** {@code log} receives the reference's per-epoch lines (stdout for the CLI); the run's log file gets them too. */
  public MnistRun(MnistFlags flags, PrintStream log) {
    this.flags = flags;
    this.log = log;
  }

  /** Trains on {@code train} and evaluates on {@code test}, both cut to the input mask's pixels if there is one. */
  public MnistOutcome train(IdxDataset train, IdxDataset test) throws IOException {
    if (!flags.inputMaskPath().isEmpty()) {
      InputMask inputMask = InputMask.read(flags.inputMaskPath());
      return trainOn(inputMask.apply(train), inputMask.apply(test));
    }
    return trainOn(train, test);
  }

  private MnistOutcome trainOn(IdxDataset train, IdxDataset test) throws IOException {
    String method = flags.sparse().trainingMethod();
    int batch = flags.batchSize();
    long batchesPerEpoch = train.size() / batch;
    if (batchesPerEpoch == 0) {
      throw new IllegalArgumentException("--batch_size " + batch + " is larger than the " + train.size() + " training images");
    }
    if (test.pixels() != train.pixels()) {
      throw new IllegalArgumentException(
          "test images have " + test.pixels() + " pixels but training images have " + train.pixels());
    }
    long steps = flags.trainSteps() > 0 ? flags.trainSteps() : flags.numEpochs() * batchesPerEpoch;
    long evalEvery = flags.evalEverySteps() > 0 ? flags.evalEverySteps() : batchesPerEpoch;
    OutcomeRecorder outcome = new OutcomeRecorder(method, steps, batch);
    ProgressFormat progress = new ProgressFormat(System.err, String.format("%-8s", method), "images", batch, false,
        r -> String.format("loss %.3f", r.loss()));
    CheckpointManager checkpoints = new CheckpointManager(flags.savePath(), 0);
    TrainingLoop<MnistSession, MnistEvaluation> loop = new TrainingLoop<MnistSession, MnistEvaluation>(
        () -> new MnistSession(flags, train, batchesPerEpoch), checkpoints, CheckpointCadence.onlyAtEnd(flags.saveModel()),
        SummaryCadence.endingAtMultiplesOf(flags.summaryEveryStep() ? 1 : 100), progress);
    if (!resumes(checkpoints, steps)) {
      loop.withoutResume();
    }
    loop.evaluating(EvaluationCadence.multiplesAndLastStep(evalEvery), (s, step, checkpoint) -> s.evaluate(test))
        .listener(outcome)
        .listener(new ScriptLog(flags, log, batchesPerEpoch))
        .listener(new MaskRecords(flags.usesMasks() ? flags.maskRecordFrequency() : 0, flags.savePath()))
        .listener(new TrainingListener<MnistSession, MnistEvaluation>() {
          // The script's log stays the script's: which layers compute over their nonzeros goes to stderr.
          @Override
          public void started(MnistSession s, long step, Optional<Path> resumedFrom) {
            if (s.compute().mode() != SparseComputeMode.MASKED) {
              System.err.println("train-mnist: " + s.compute().describe(s.masks().layers()));
            }
          }
        })
        .train(steps);
    return outcome.outcome();
  }

  /**
   * Whether the run continues the checkpoint in {@code save_path}: only one that stopped short of
   * {@code steps}. A finished run's folder is trained over from scratch, as the script does.
   */
  private boolean resumes(CheckpointManager checkpoints, long steps) throws IOException {
    if (!flags.saveModel()) {
      return false;
    }
    Optional<Path> latest = checkpoints.latest();
    if (latest.isEmpty()) {
      return false;
    }
    try (BundleDataReader reader = BundleDataReader.open(latest.get())) {
      // A model.ckpt without the iteration count cannot be continued exactly: trained over, as before.
      return reader.index().names().contains(MnistSession.BATCHES_CONSUMED)
          && reader.readLongs(MnistSession.BATCHES_CONSUMED)[0] < steps;
    }
  }
}
