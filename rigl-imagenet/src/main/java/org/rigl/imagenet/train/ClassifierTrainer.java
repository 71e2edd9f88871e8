package org.rigl.imagenet.train;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.rigl.core.checkpoint.CheckpointLocation;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.train.ProgressLine;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The reference's Estimator loop for any {@link ImageClassifierTask}: a training graph and an
 * evaluation graph that meet through checkpoints in the output directory. Training resumes from
 * the latest checkpoint there; a fresh start takes its masks from {@code --load_mask_dir} (or the
 * method's random masks) and its parameters from {@code --initial_value_checkpoint}
 * ({@code utils.initialize_parameters_from_ckpt}). Each evaluation rewrites
 * {@code eval_results.json} atomically.
 */
public final class ClassifierTrainer {
  public static final String EVAL_RESULTS = "eval_results.json";
  /** How long {@code eval} waits between looks for a new checkpoint. */
  private static final long POLL_MILLIS = 5000;

  private final ImageClassifierTask task;
  private final TrainingLoopSettings loop;
  private final PrintStream log;

  public ClassifierTrainer(ImageClassifierTask task, PrintStream log) {
    this.task = task;
    this.loop = task.loop();
    this.log = log;
  }

  /**
   * The checkpoints of the output directory. The directory is created by the first checkpoint or
   * event file, so bad input found while building the graph leaves nothing behind.
   */
  public CheckpointManager checkpoints() {
    return new CheckpointManager(loop.outputDir(), loop.keepCheckpointMax());
  }

  /** Runs {@code train}, {@code eval} or {@code train_and_eval}; returns the last evaluation, if any. */
  public Optional<EvalResults> run() throws IOException {
    CheckpointManager checkpoints = checkpoints();
    switch (loop.mode()) {
      case "train":
        train(checkpoints, loop.trainSteps());
        return Optional.empty();
      case "train_and_eval": {
        EvalResults last = null;
        long done = currentStep(checkpoints);
        while (done < loop.trainSteps()) {
          done = train(checkpoints, Math.min(loop.trainSteps(), done + loop.evalEverySteps()));
          last = evaluate(checkpoints.latest().orElseThrow());
        }
        return Optional.ofNullable(last);
      }
      case "eval":
        return Optional.of(evaluateUntilTrained(checkpoints));
      default:
        throw new IllegalStateException("mode " + loop.mode());
    }
  }

  /** {@code checkpoints_iterator}: evaluates each new checkpoint until one reaches the last step. */
  private EvalResults evaluateUntilTrained(CheckpointManager checkpoints) throws IOException {
    EvalResults last = null;
    String seen = "";
    while (last == null || last.globalStep() < loop.trainSteps()) {
      Optional<Path> latest = checkpoints.latest();
      if (latest.isEmpty() || latest.get().toString().equals(seen)) {
        sleep();
        continue;
      }
      seen = latest.get().toString();
      log.println("Starting to evaluate.");
      last = evaluate(latest.get());
    }
    log.println("Evaluation finished after training step " + last.globalStep());
    return last;
  }

  private static long currentStep(CheckpointManager checkpoints) throws IOException {
    Optional<Path> latest = checkpoints.latest();
    if (latest.isEmpty()) {
      return 0;
    }
    String name = latest.get().getFileName().toString();
    return Long.parseLong(name.substring(name.lastIndexOf('-') + 1));
  }

  /** Trains until global_step reaches {@code until}; returns the step reached. */
  public long train(CheckpointManager checkpoints, long until) throws IOException {
    try (TrainGraph g = new TrainGraph(task)) {
      if (g.distributed) {
        g.session.initialize();
      }
      Optional<Path> latest = checkpoints.latest();
      if (latest.isPresent()) {
        g.saver.restore(g.session, latest.get().toString(), g.saver.variables().keySet());
        log.println("Resuming from " + latest.get());
      } else {
        initialise(g);
      }
      g.summaries.open(g.session);
      g.session.run(g.input.initializer());
      long step = scalarLong(g, g.globalStep);
      // CheckpointSaverHook saves the state it starts from (model.ckpt-0 on a fresh start; a resumed
      // run's is already there), then whenever the step has advanced checkpoint_steps past the last save.
      if (latest.isEmpty()) {
        checkpoints.save(g.session, g.saver, step);
      }
      long lastSaved = step;
      ProgressLine progress = new ProgressLine(System.err, "train", until);
      long startStep = step;
      while (step < until) {
        float lossValue;
        try {
          var runner = g.session.runner().fetch(g.loss).fetch(g.globalStepAfter);
          if (step % loop.summaryEverySteps() == 0) {
            runner.addTarget(g.summaries.writeOp());
          }
          g.targets.forEach(runner::addTarget);
          try (Result r = runner.run()) {
            lossValue = ((TFloat32) r.get(0)).getFloat();
            step = ((TInt64) r.get(1)).getLong();
          }
        } catch (RuntimeException e) {
          throw g.input.explain(e);
        }
        if (!Float.isFinite(lossValue)) {
          throw new IllegalStateException("loss became " + lossValue + " at step " + step + " (lower the learning rate?)");
        }
        progress.update(Math.max(step, startStep), "images", loop.batchSize(), String.format("loss %.3f", lossValue));
        if (step >= lastSaved + loop.checkpointSteps()) {
          checkpoints.save(g.session, g.saver, step);
          lastSaved = step;
        }
      }
      g.summaries.flush(g.session);
      if (step != lastSaved) {
        checkpoints.save(g.session, g.saver, step);
      }
      if (g.input.skipped() != null && g.input.skipped().count() > 0) {
        log.println("Skipped " + g.input.skipped().count() + " bad records");
      }
      return step;
    }
  }

  /**
   * A training graph started fresh (masks and parameters as {@link #train} would start them, input
   * initialised) and nothing written: what a benchmark steps. The caller closes it.
   */
  TrainGraph freshTrainingGraph() throws IOException {
    TrainGraph g = new TrainGraph(task);
    try {
      if (g.distributed) {
        g.session.initialize();
      }
      initialise(g);
      g.session.run(g.input.initializer());
      return g;
    } catch (IOException | RuntimeException e) {
      g.close();
      throw e;
    }
  }

  /** A fresh start: masks from load_mask_dir or the method's initial masks, parameters from initial_value_checkpoint. */
  private void initialise(TrainGraph g) throws IOException {
    boolean startsSparse = g.sparse.method().startsFromRandomMasks();
    if (!loop.loadMaskDir().isEmpty() && startsSparse) {
      Path from = CheckpointLocation.resolve(loop.loadMaskDir(), "--load_mask_dir");
      g.saver.restoreWhere(g.session, from.toString(), GraphVariables.masksOnly());
      log.println("Masks loaded from " + from);
    } else {
      g.sparse.maskInit(g.tf, g.masks).ifPresent(g.session::run);
    }
    if (!loop.initialValueCheckpoint().isEmpty()) {
      Path from = CheckpointLocation.resolve(loop.initialValueCheckpoint(), "--initial_value_checkpoint");
      g.saver.restoreWhere(g.session, from.toString(), GraphVariables.parametersOnly());
      log.println("Parameters loaded from " + from);
    }
  }

  /** Evaluates one checkpoint and writes eval_results.json atomically. */
  public EvalResults evaluate(Path checkpoint) throws IOException {
    try (EvalGraph g = new EvalGraph(task)) {
      EvalResults r = g.evaluate(checkpoint);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("global_step", r.globalStep());
      json.putAll(r.metrics());
      json.put("checkpoint", checkpoint.getFileName().toString());
      json.put("sparsity", r.sparsity());
      Path file = loop.outputDir().resolve(EVAL_RESULTS);
      Path tmp = file.resolveSibling(EVAL_RESULTS + ".tmp");
      Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Optional<String> summaryDir = task.evalSummaryDir();
      if (summaryDir.isPresent()) {
        EvalSummaries.write(loop.outputDir().resolve(summaryDir.get()), r.globalStep(), r.metrics());
      }
      // The headline metrics; breakdowns such as class_level_summaries/... stay in the file.
      log.printf("Evaluation at step %d: %s%n", r.globalStep(), r.metrics().entrySet().stream()
          .filter(e -> !e.getKey().contains("/"))
          .map(e -> String.format("%s %.4f", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
      return r;
    }
  }

  private static long scalarLong(TrainGraph g, Operand<TInt64> x) {
    try (Result r = g.session.runner().fetch(x).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a checkpoint");
    }
  }
}
