package org.rigl.imagenet.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.rigl.core.checkpoint.CheckpointManager;

/**
 * Port of {@code imagenet_train_eval.main}: {@link ClassifierTrainer}'s modes over the
 * {@link ImageNetTask}, plus {@code eval_once}, which evaluates one checkpoint of the output
 * directory ({@code --eval_once_ckpt_prefix}, or the latest).
 */
public final class ImageNetTrainer {
  private final ImageNetSetup setup;
  private final ClassifierTrainer trainer;

  public ImageNetTrainer(ImageNetSettings flags, PrintStream log) {
    this.setup = ImageNetSetup.of(flags);
    this.trainer = new ClassifierTrainer(new ImageNetTask(setup), log);
  }

  public Path outputDir() {
    return setup.outputDir();
  }

  /** Runs {@code --mode}; returns the last evaluation, if the mode evaluated. */
  public Optional<EvalResults> run() throws IOException {
    ImageNetSettings f = setup.flags();
    if (f.taskIndex < 0) {
      throw new IllegalArgumentException("--task_index must not be negative, got " + f.taskIndex);
    }
    if (!f.workerHosts.isEmpty() && f.taskIndex > 0) {
      serveUntilKilled(f);
    }
    if (!f.mode.equals("eval_once")) {
      return trainer.run();
    }
    CheckpointManager checkpoints = trainer.checkpoints();
    Path prefix = f.evalOnceCkptPrefix.isEmpty()
        ? checkpoints.latest().orElseThrow(() -> new IllegalArgumentException("no checkpoint in " + setup.outputDir()))
        : setup.outputDir().resolve(f.evalOnceCkptPrefix);
    return Optional.of(trainer.evaluate(prefix));
  }

  /** A worker task other than 0: serves its part of the chief's graph until the process is killed. */
  private static void serveUntilKilled(ImageNetSettings f) {
    org.rigl.core.distributed.WorkerCluster cluster = org.rigl.core.distributed.WorkerCluster.parse(f.workerHosts);
    if (f.taskIndex >= cluster.size()) {
      throw new IllegalArgumentException("--task_index " + f.taskIndex + " but --worker_hosts lists " + cluster.size() + " tasks");
    }
    cluster.serving(f.taskIndex).join();
    throw new IllegalStateException("worker " + f.taskIndex + " stopped serving");
  }
}
