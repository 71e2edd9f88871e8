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
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.checkpoint.CheckpointState;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.train.ProgressLine;
import org.rigl.core.update.TrainingMethods;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Port of {@code imagenet_train_eval.main}: the four modes over a training graph and an evaluation
 * graph that meet through checkpoints in the output directory, as the reference's Estimator does.
 * Training resumes from the latest checkpoint in the output directory; otherwise it starts from
 * {@code --load_mask_dir} / {@code --initial_value_checkpoint} or fresh random masks.
 */
public final class ImageNetTrainer {
  public static final String EVAL_RESULTS = "eval_results.json";

  private final ImageNetSetup setup;
  private final PrintStream log;

  public ImageNetTrainer(ImageNetFlags flags, PrintStream log) {
    this.setup = ImageNetSetup.of(flags);
    this.log = log;
  }

  public Path outputDir() {
    return setup.outputDir();
  }

  /** Runs {@code --mode}; returns the last evaluation, if the mode evaluated. */
  public Optional<EvalGraph.Results> run() throws IOException {
    ImageNetFlags f = setup.flags();
    Files.createDirectories(setup.outputDir());
    CheckpointManager checkpoints = new CheckpointManager(setup.outputDir(), f.keepCheckpointMax);
    switch (f.mode) {
      case "train":
        train(checkpoints, setup.trainSteps());
        return Optional.empty();
      case "eval_once": {
        Path prefix = f.evalOnceCkptPrefix.isEmpty()
            ? checkpoints.latest().orElseThrow(() -> new IllegalArgumentException("no checkpoint in " + setup.outputDir()))
            : setup.outputDir().resolve(f.evalOnceCkptPrefix);
        return Optional.of(evaluate(prefix));
      }
      case "train_and_eval": {
        EvalGraph.Results last = null;
        long done = currentStep(checkpoints);
        while (done < setup.trainSteps()) {
          long next = Math.min(setup.trainSteps(), done + f.stepsPerEval);
          done = train(checkpoints, next);
          last = evaluate(checkpoints.latest().orElseThrow());
        }
        return Optional.ofNullable(last);
      }
      case "eval": {
        // Evaluates each new checkpoint until one reaches train_steps.
        EvalGraph.Results last = null;
        String seen = "";
        while (last == null || last.globalStep() < setup.trainSteps()) {
          Optional<Path> latest = checkpoints.latest();
          if (latest.isEmpty() || latest.get().toString().equals(seen)) {
            sleep();
            continue;
          }
          seen = latest.get().toString();
          last = evaluate(latest.get());
        }
        return Optional.of(last);
      }
      default:
        throw new IllegalStateException(f.mode);
    }
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
  long train(CheckpointManager checkpoints, long until) throws IOException {
    ImageNetFlags f = setup.flags();
    try (TrainGraph g = new TrainGraph(setup)) {
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
      long lastSaved = latest.isPresent() ? step : -1;
      ProgressLine progress = new ProgressLine(System.err, "train", until);
      long startStep = step;
      while (step < until) {
        float lossValue;
        try {
          var runner = g.session.runner().fetch(g.loss).addTarget(g.summaries.writeOp());
          g.targets.forEach(runner::addTarget);
          try (Result r = runner.run()) {
            lossValue = ((TFloat32) r.get(0)).getFloat();
          }
        } catch (RuntimeException e) {
          throw g.input.explain(e);
        }
        step = scalarLong(g, g.globalStep);
        if (!Float.isFinite(lossValue)) {
          throw new IllegalStateException("loss became " + lossValue + " at step " + step + " (lower the learning rate?)");
        }
        progress.update(Math.max(step, startStep), "images", f.trainBatchSize, String.format("loss %.3f", lossValue));
        if (step % f.stepsPerCheckpoint == 0 && step != lastSaved) {
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

  /** A fresh start: masks from load_mask_dir or mask_init_method, parameters from initial_value_checkpoint. */
  private void initialise(TrainGraph g) throws IOException {
    ImageNetFlags f = setup.flags();
    boolean startsSparse = !TrainingMethods.NO_MASK_INIT.contains(f.trainingMethod);
    if (!f.loadMaskDir.isEmpty() && startsSparse) {
      Path from = checkpointOf(f.loadMaskDir, "--load_mask_dir");
      g.saver.restoreWhere(g.session, from.toString(), GraphVariables.masksOnly());
      log.println("Masks loaded from " + from);
    } else {
      TrainingMethods.maskInit(g.tf, g.sparse, g.masks).ifPresent(g.session::run);
    }
    if (!f.initialValueCheckpoint.isEmpty()) {
      Path from = checkpointOf(f.initialValueCheckpoint, "--initial_value_checkpoint");
      g.saver.restoreWhere(g.session, from.toString(), GraphVariables.parametersOnly());
      log.println("Parameters loaded from " + from);
    }
  }

  /** A checkpoint prefix, or the latest checkpoint of a folder. */
  private static Path checkpointOf(String location, String flag) throws IOException {
    Path p = Path.of(location);
    if (Files.isDirectory(p)) {
      return CheckpointState.read(p).map(s -> p.resolve(s.latest()))
          .orElseThrow(() -> new IllegalArgumentException(flag + " " + p + " holds no checkpoint state file"));
    }
    if (!Files.isRegularFile(Path.of(location + ".index"))) {
      throw new IllegalArgumentException(flag + " " + location + " is neither a folder nor a checkpoint prefix");
    }
    return p;
  }

  /** Evaluates one checkpoint and writes eval_results.json atomically. */
  EvalGraph.Results evaluate(Path checkpoint) throws IOException {
    try (EvalGraph g = new EvalGraph(setup)) {
      EvalGraph.Results r = g.evaluate(checkpoint);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("global_step", r.globalStep());
      json.put("top_1_accuracy", r.top1());
      json.put("top_5_accuracy", r.top5());
      json.put("cross_loss", r.crossLoss());
      json.put("checkpoint", checkpoint.getFileName().toString());
      json.put("sparsity", r.sparsity());
      Path file = setup.outputDir().resolve(EVAL_RESULTS);
      Path tmp = file.resolveSibling(EVAL_RESULTS + ".tmp");
      Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      log.printf("Evaluation at step %d: top-1 %.4f, top-5 %.4f, cross-entropy %.4f%n", r.globalStep(), r.top1(), r.top5(),
          r.crossLoss());
      return r;
    }
  }

  private static long scalarLong(TrainGraph g, org.tensorflow.Operand<TInt64> x) {
    try (Result r = g.session.runner().fetch(x).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a checkpoint");
    }
  }
}
