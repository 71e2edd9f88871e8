package org.rigl.core.train.loop;

/** Stops training at the first step whose loss is NaN or infinite, rather than saving a diverged model. */
public final class NonFiniteLossGuard<S extends TrainingSession, R> implements TrainingListener<S, R> {
  @Override
  public void afterStep(S session, StepResult result) {
    if (!Float.isFinite(result.loss())) {
      throw new IllegalStateException(
          "loss became " + result.loss() + " at step " + result.globalStep() + " (lower the learning rate?)");
    }
  }
}
