package org.rigl.core.train.loop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rigl.core.checkpoint.CheckpointManager;

/**
 * The training loop every driver runs: lock the output folder, open a session, resume from the
 * latest checkpoint or start fresh, step it to a target global step with the driver's checkpoint,
 * summary and evaluation cadences and progress line, save and evaluate at the end. Drivers differ
 * only in their {@link TrainingSession}, their cadences and the {@link TrainingListener}s that print
 * or record their reference's own output.
 *
 * <p>Two guards hold for every driver. One writer per output folder: the folder's lock is held for
 * the whole run (a second trainer is refused at once). No diverged state is kept: the first step
 * whose loss or updated variables hold NaN or infinity ({@link StepResult#firstNonFinite}) stops the
 * run before anything else is saved or evaluated, so the latest checkpoint stays the last finite one.
 *
 * @param <S> the driver's session
 * @param <R> what its evaluation of the live session returns ({@code Void} if it has none)
 */
public final class TrainingLoop<S extends TrainingSession, R> {
  /** Builds a driver's session; the loop closes it. */
  @FunctionalInterface
  public interface Sessions<S> {
    S open() throws IOException;
  }

  private final Sessions<S> sessions;
  private final CheckpointManager checkpoints;
  private final CheckpointCadence checkpointCadence;
  private final SummaryCadence summaryCadence;
  private final ProgressFormat progress;
  private boolean resumes = true;
  private EvaluationCadence evaluationCadence;
  private SessionEvaluator<S, R> evaluator;
  private final List<TrainingListener<S, R>> listeners = new ArrayList<>();
  /** The output folder's lock while a run holds it; train-and-evaluate holds it across its stretches. */
  private OutputFolderClaim claim;

  public TrainingLoop(Sessions<S> sessions, CheckpointManager checkpoints, CheckpointCadence checkpointCadence,
      SummaryCadence summaryCadence, ProgressFormat progress) {
    this.sessions = sessions;
    this.checkpoints = checkpoints;
    this.checkpointCadence = checkpointCadence;
    this.summaryCadence = summaryCadence;
    this.progress = progress;
  }

  /** Always starts fresh, whatever the output folder holds (a script without resume). */
  public TrainingLoop<S, R> withoutResume() {
    resumes = false;
    return this;
  }

  /** Evaluates the live session at {@code cadence}. */
  public TrainingLoop<S, R> evaluating(EvaluationCadence cadence, SessionEvaluator<S, R> evaluator) {
    this.evaluationCadence = cadence;
    this.evaluator = evaluator;
    return this;
  }

  public TrainingLoop<S, R> listener(TrainingListener<S, R> listener) {
    listeners.add(listener);
    return this;
  }

  public CheckpointManager checkpoints() {
    return checkpoints;
  }

  /** Trains until the global step reaches {@code until}; returns the step reached. */
  public long train(long until) throws IOException {
    return holdingOutputFolder(() -> trainHolding(until));
  }

  private long trainHolding(long until) throws IOException {
    try (S session = sessions.open(); Listeners all = new Listeners()) {
      Optional<Path> resumedFrom = resumes ? checkpoints.latest() : Optional.empty();
      if (resumedFrom.isPresent()) {
        session.restore(resumedFrom.get());
      } else {
        session.initialiseFresh();
      }
      session.started();
      long first = session.globalStep();
      for (TrainingListener<S, R> l : listeners) {
        l.started(session, first, resumedFrom);
      }
      long lastSaved = resumedFrom.isPresent() ? first : CheckpointCadence.NONE;
      Path lastCheckpoint = resumedFrom.orElse(null);
      if (resumedFrom.isEmpty() && checkpointCadence.savesFreshStart()) {
        requireFiniteState(session, first, lastCheckpoint);
        lastCheckpoint = session.save(checkpoints, first);
        lastSaved = first;
      }
      ProgressFormat.Progress line = progress.start(first, until);
      long step = first;
      long lastEvaluated = CheckpointCadence.NONE;
      while (step < until) {
        for (TrainingListener<S, R> l : listeners) {
          l.beforeStep(session, step);
        }
        StepResult result = session.step(summaryCadence.isDue(step));
        step = result.globalStep();
        requireFinite(result, lastCheckpoint);
        for (TrainingListener<S, R> l : listeners) {
          l.afterStep(session, result);
        }
        line.update(result);
        if (checkpointCadence.isDue(step, first, lastSaved)) {
          requireFiniteState(session, step, lastCheckpoint);
          lastCheckpoint = session.save(checkpoints, step);
          lastSaved = step;
        }
        if (evaluator != null && step != lastEvaluated && evaluationCadence.isDue(step, until)) {
          evaluate(session, step, lastSaved == step ? lastCheckpoint : null);
          lastEvaluated = step;
        }
      }
      session.finished();
      if (checkpointCadence.savesAtEnd() && step != lastSaved) {
        requireFiniteState(session, step, lastCheckpoint);
        lastCheckpoint = session.save(checkpoints, step);
        lastSaved = step;
      }
      if (evaluator != null && evaluationCadence.atEnd()) {
        evaluate(session, step, lastSaved == step ? lastCheckpoint : null);
      }
      for (TrainingListener<S, R> l : listeners) {
        l.finished(session, step);
      }
      return step;
    }
  }

  /**
   * Estimator {@code train_and_eval}: trains {@code evalEvery} steps at a time, each stretch in a
   * session of its own, and evaluates the checkpoint each stretch ends with.
   */
  public <E> Optional<E> trainAndEvaluate(long until, long evalEvery, CheckpointEvaluator<E> evaluate) throws IOException {
    return holdingOutputFolder(() -> {
      E last = null;
      long done = latestStep();
      while (done < until) {
        // Stretches end at multiples of evalEvery, so a run resumed mid-stretch keeps the uninterrupted run's.
        done = trainHolding(Math.min(until, (done / evalEvery + 1) * evalEvery));
        last = evaluate.evaluate(checkpoints.latest().orElseThrow());
      }
      return Optional.ofNullable(last);
    });
  }

  /** Work done while this process is the output folder's one writer. */
  @FunctionalInterface
  private interface LockedWork<T> {
    T run() throws IOException;
  }

  private <T> T holdingOutputFolder(LockedWork<T> work) throws IOException {
    if (claim != null) {
      return work.run();
    }
    try (OutputFolderClaim held = OutputFolderClaim.claim(checkpoints.directory())) {
      claim = held;
      checkpoints.prepareForWriting();
      return work.run();
    } finally {
      claim = null;
    }
  }

  /** Stops the run at a step that left NaN or infinity behind, naming the step, the tensor and what stays latest. */
  private static void requireFinite(StepResult result, Path lastCheckpoint) {
    Optional<String> bad = result.firstNonFinite();
    if (bad.isPresent()) {
      throw diverged(result.globalStep(), bad.get(), lastCheckpoint);
    }
  }

  /** Refuses to save a state with NaN or infinity in any variable. */
  private static void requireFiniteState(TrainingSession session, long step, Path lastCheckpoint) {
    Optional<String> bad = session.firstNonFiniteVariable();
    if (bad.isPresent()) {
      throw diverged(step, bad.get(), lastCheckpoint);
    }
  }

  private static TrainingDivergedException diverged(long step, String tensor, Path lastCheckpoint) {
    return new TrainingDivergedException(step, tensor, Optional.ofNullable(lastCheckpoint).map(p -> p.getFileName().toString()));
  }

  /** The step of the latest {@code model.ckpt-STEP}, 0 without one. */
  private long latestStep() throws IOException {
    Optional<Path> latest = checkpoints.latest();
    if (latest.isEmpty()) {
      return 0;
    }
    String name = latest.get().getFileName().toString();
    return Long.parseLong(name.substring(name.lastIndexOf('-') + 1));
  }

  private void evaluate(S session, long step, Path checkpoint) throws IOException {
    R result = evaluator.evaluate(session, step, Optional.ofNullable(checkpoint));
    for (TrainingListener<S, R> l : listeners) {
      l.evaluated(session, step, result);
    }
  }

  /** Closes every listener, the first failure thrown after all were closed. */
  private final class Listeners implements AutoCloseable {
    @Override
    public void close() throws IOException {
      IOException failure = null;
      for (TrainingListener<S, R> l : listeners) {
        try {
          l.close();
        } catch (IOException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }
}
