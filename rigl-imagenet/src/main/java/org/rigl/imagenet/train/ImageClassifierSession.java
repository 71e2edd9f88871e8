package org.rigl.imagenet.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.rigl.core.checkpoint.CheckpointLocation;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.checkpoint.RestoredStateCheck;
import org.rigl.core.checkpoint.RunDescription;
import org.rigl.core.io.BundleIndexReader;
import org.rigl.core.train.loop.NonFiniteCheck;
import org.rigl.core.train.loop.StepResult;
import org.rigl.core.train.loop.TrainingSession;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * An {@link ImageClassifierTask}'s {@link TrainGraph} in a live session. A fresh start takes its
 * masks from {@code --load_mask_dir} (or the method's random masks) and its parameters from
 * {@code --initial_value_checkpoint} ({@code utils.initialize_parameters_from_ckpt}).
 */
final class ImageClassifierSession implements TrainingSession {
  private final TrainGraph g;
  private final NonFiniteCheck finite;
  private final TrainingLoopSettings settings;
  private final PrintStream log;
  /** A fresh start records the run's sparse configuration with its first checkpoint. */
  private boolean describeOnSave;

  ImageClassifierSession(ImageClassifierTask task, PrintStream log) {
    this.g = new TrainGraph(task);
    this.settings = task.loop();
    this.log = log;
    try {
      finite = NonFiniteCheck.afterStep(g.tf, g.graph, g.targets, g.loss, g.step.gradients());
      if (g.distributed) {
        g.session.initialize();
      }
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
  }

  @Override
  public void initialiseFresh() throws IOException {
    boolean startsSparse = g.sparse.method().startsFromRandomMasks();
    if (!settings.loadMaskDir().isEmpty() && startsSparse) {
      Path from = CheckpointLocation.resolve(settings.loadMaskDir(), "--load_mask_dir");
      g.saver.restoreWhere(g.session, from.toString(), GraphVariables.masksOnly());
      log.println("Masks loaded from " + from);
    } else {
      g.sparse.maskInit(g.tf, g.masks).ifPresent(g.session::run);
    }
    if (!settings.initialValueCheckpoint().isEmpty()) {
      Path from = CheckpointLocation.resolve(settings.initialValueCheckpoint(), "--initial_value_checkpoint");
      g.saver.restoreWhere(g.session, from.toString(), GraphVariables.parametersOnly());
      log.println("Parameters loaded from " + from);
    }
    describeOnSave = true;
  }

  /**
   * Restores every variable, the input position included. A checkpoint written before the position
   * was recorded restarts the input at its first batch, as such runs did. In {@code train_and_eval}
   * each stretch of training restarts the input as the reference's repeated {@code estimator.train}
   * calls do, so a checkpoint at a stretch's first step starts at the first batch too.
   */
  @Override
  public void restore(Path checkpoint) throws IOException {
    RunDescription.of(g.sparse).requireSameAs(settings.outputDir());
    Map<String, Long> ones = RestoredStateCheck.check(checkpoint, GraphVariables.masksOnly());
    if (g.sparse.method().isDynamic() && settings.loadMaskDir().isEmpty()) {
      g.sparse.maskInit(g.tf, g.masks).ifPresent(g.session::run);
      RestoredStateCheck.requireCounts(checkpoint, ones, RestoredStateCheck.onesOf(g.session, g.masks));
    }
    boolean hasPosition = BundleIndexReader.read(checkpoint).find(TrainGraph.INPUT_POSITION).isPresent();
    g.saver.restoreWhere(g.session, checkpoint.toString(), name -> hasPosition || !name.equals(TrainGraph.INPUT_POSITION));
    if (!hasPosition || startsStretch(globalStep())) {
      g.session.run(g.restartInput);
    }
  }

  private boolean startsStretch(long step) {
    return settings.mode().equals("train_and_eval") && step % settings.evalEverySteps() == 0;
  }

  /** Batches the input has given since it started from its first batch (a mask update reads one too). */
  long inputPosition() {
    try (Result r = g.session.runner().fetch(g.inputPosition).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }

  @Override
  public void started() {
    g.summaries.open(g.session);
    startInput();
  }

  /** Starts the training input at its recorded position (summaries stay closed: nothing is written). */
  void startInput() {
    g.session.run(g.input.initializer());
  }

  @Override
  public long globalStep() {
    try (Result r = g.session.runner().fetch(g.globalStep).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }

  @Override
  public StepResult step(boolean summarise) {
    try {
      var runner = g.session.runner().fetch(g.loss).fetch(g.globalStepAfter).fetch(finite.tensor());
      if (summarise) {
        runner.addTarget(g.summaries.writeOp());
      }
      g.targets.forEach(runner::addTarget);
      try (Result r = runner.run()) {
        return new StepResult(((TFloat32) r.get(0)).getFloat(), ((TInt64) r.get(1)).getLong(),
            finite.firstNonFinite(r.get(2), g.session));
      }
    } catch (RuntimeException e) {
      throw g.input.explain(e);
    }
  }

  @Override
  public void finished() {
    g.summaries.flush(g.session);
  }

  @Override
  public Optional<String> firstNonFiniteVariable() {
    return finite.firstNonFiniteVariable(g.session);
  }

  @Override
  public Path save(CheckpointManager checkpoints, long step) throws IOException {
    // Written before the fresh run's first checkpoint, so no checkpoint is ever without it, and
    // benchmarks, which never save, write nothing.
    if (describeOnSave) {
      RunDescription.of(g.sparse).write(settings.outputDir());
      describeOnSave = false;
    }
    return checkpoints.save(g.session, g.saver, step);
  }

  /** Training records the input skipped as unreadable so far. */
  long skippedRecords() {
    return g.input.skipped() == null ? 0 : g.input.skipped().count();
  }

  /** Towers the step is split over. */
  int towers() {
    return g.towerDevices.size();
  }

  @Override
  public void close() {
    g.close();
  }
}
