package org.rigl.imagenet.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.train.loop.CheckpointCadence;
import org.rigl.core.train.loop.CheckpointPoller;
import org.rigl.core.train.loop.EvalResultsFile;
import org.rigl.core.train.loop.ProgressFormat;
import org.rigl.core.train.loop.SummaryCadence;
import org.rigl.core.train.loop.TrainingListener;
import org.rigl.core.train.loop.TrainingLoop;

/**
 * The reference's Estimator modes for any {@link ImageClassifierTask} ({@code imagenet_train_eval.py},
 * {@code resnet_train_eval.py}): {@code train}, {@code eval}, {@code train_and_eval} and one
 * checkpoint's evaluation. A training graph and an evaluation graph meet through checkpoints in the
 * output directory; training resumes from the latest one there.
 */
public final class ImageClassifierRun {
  /** How long {@code eval} waits between looks for a new checkpoint. */
  private static final long POLL_MILLIS = 5000;

  private final ImageClassifierTask task;
  private final TrainingLoopSettings settings;
  private final PrintStream log;
  private final TrainingLoop<ImageClassifierSession, Void> loop;

  public ImageClassifierRun(ImageClassifierTask task, PrintStream log) {
    this.task = task;
    this.settings = task.loop();
    this.log = log;
    // The directory is created by the first checkpoint or event file, so bad input found while
    // building the graph leaves nothing behind.
    CheckpointManager checkpoints = new CheckpointManager(settings.outputDir(), settings.keepCheckpointMax());
    ProgressFormat progress = new ProgressFormat(System.err, "train", "images", settings.batchSize(), false,
        r -> String.format("loss %.3f", r.loss()));
    this.loop = new TrainingLoop<ImageClassifierSession, Void>(() -> new ImageClassifierSession(task, log), checkpoints,
        CheckpointCadence.estimator(settings.checkpointSteps()),
        SummaryCadence.startingAtMultiplesOf(settings.summaryEverySteps()), progress)
        .listener(new TrainingListener<>() {
          @Override
          public void started(ImageClassifierSession s, long step, Optional<Path> resumedFrom) {
            resumedFrom.ifPresent(p -> log.println("Resuming from " + p));
          }

          @Override
          public void finished(ImageClassifierSession s, long step) {
            if (s.skippedRecords() > 0) {
              log.println("Skipped " + s.skippedRecords() + " bad records");
            }
          }
        });
  }

  /** Checkpoints, events and eval_results.json. */
  public Path outputDir() {
    return settings.outputDir();
  }

  /** Runs {@code train}, {@code eval} or {@code train_and_eval}; returns the last evaluation, if any. */
  public Optional<EvalResults> run() throws IOException {
    switch (settings.mode()) {
      case "train":
        loop.train(settings.trainSteps());
        return Optional.empty();
      case "train_and_eval":
        return loop.trainAndEvaluate(settings.trainSteps(), settings.evalEverySteps(), this::evaluate);
      case "eval": {
        EvalResults last = new CheckpointPoller(settings.outputDir(), POLL_MILLIS, OptionalLong.empty(), log).evaluateUntil(
            settings.trainSteps(), checkpoint -> {
              log.println("Starting to evaluate.");
              return evaluate(checkpoint);
            }, EvalResults::globalStep);
        log.println("Evaluation finished after training step " + last.globalStep());
        return Optional.of(last);
      }
      default:
        throw new IllegalStateException("mode " + settings.mode());
    }
  }

  /** Evaluates {@code prefix} in the output directory, or its latest checkpoint if {@code prefix} is empty. */
  public EvalResults evaluateOnce(String prefix) throws IOException {
    Path checkpoint = prefix.isEmpty()
        ? loop.checkpoints().latest()
            .orElseThrow(() -> new IllegalArgumentException("no checkpoint in " + settings.outputDir()))
        : settings.outputDir().resolve(prefix);
    return evaluate(checkpoint);
  }

  /** Evaluates one checkpoint, rewrites eval_results.json and the task's evaluation summaries. */
  private EvalResults evaluate(Path checkpoint) throws IOException {
    try (EvalGraph g = new EvalGraph(task)) {
      EvalResults r = g.evaluate(checkpoint);
      EvalResultsFile.requireFinite(r.metrics());
      EvalResultsFile.write(settings.outputDir(), r.toJson(checkpoint.getFileName().toString()));
      Optional<String> summaryDir = task.evalSummaryDir();
      if (summaryDir.isPresent()) {
        EvalSummaries.write(settings.outputDir().resolve(summaryDir.get()), r.globalStep(), task.evalSummaries(r));
      }
      // The headline metrics; breakdowns such as class_level_summaries/... stay in the file.
      log.printf("Evaluation at step %d: %s%n", r.globalStep(), r.metrics().entrySet().stream()
          .filter(e -> !e.getKey().contains("/"))
          .map(e -> String.format("%s %.4f", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
      return r;
    }
  }
}
