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
  private final PrintStream log;

  public CifarTrainer(CifarSettings flags, PrintStream log) {
    this.setup = CifarSetup.of(flags);
    this.trainer = new ClassifierTrainer(new CifarTask(setup), log);
    this.log = log;
  }

  /** {@code --train_dir} with the folder stub: checkpoints, events and eval_results.json. */
  public Path trainDir() {
    return setup.trainDir();
  }

  /** Runs {@code --mode}; returns the last evaluation, if the mode evaluated. */
  public Optional<EvalResults> run() throws IOException {
    double multiplier = setup.flags().trainingStepsMultiplier;
    if (multiplier != 1.0) {
      log.printf("Training schedule is updated with multiplier: %.2f%n", multiplier);
      log.printf("Learning Rate boundaries are updated with multiplier:%.2f%n", multiplier);
    }
    if (!setup.flags().mode.equals("eval")) {
      log.println("Starting training...");
    }
    return trainer.run();
  }
}
