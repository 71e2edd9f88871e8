package org.rigl.imagenet.cifar;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.rigl.imagenet.train.ClassifierTrainer;
import org.rigl.imagenet.train.EvalResults;

/**
 * Port of {@code cifar_resnet/resnet_train_eval.main}: the {@link CifarTask} under the shared
 * Estimator loop. {@code train_and_eval}, which the reference accepts but runs nothing for, trains
 * and evaluates each checkpoint.
 */
public final class CifarTrainer {
  private final CifarSetup setup;
  private final ClassifierTrainer trainer;

  public CifarTrainer(CifarFlags flags, PrintStream log) {
    this.setup = CifarSetup.of(flags);
    this.trainer = new ClassifierTrainer(new CifarTask(setup), log);
  }

  /** {@code --train_dir} with the folder stub: checkpoints, events and eval_results.json. */
  public Path trainDir() {
    return setup.trainDir();
  }

  /** Runs {@code --mode}; returns the last evaluation, if the mode evaluated. */
  public Optional<EvalResults> run() throws IOException {
    return trainer.run();
  }
}
