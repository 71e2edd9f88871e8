package org.rigl.core.train.loop;

import java.util.Optional;

/** A training step left NaN or infinity in its loss or in a variable; the run stops without saving it. */
public final class TrainingDivergedException extends IllegalStateException {
  private final long step;
  private final String tensor;

  public TrainingDivergedException(long step, String tensor, Optional<String> latestCheckpoint) {
    super("training diverged at step " + step + ": " + tensor + " became NaN or infinite; "
        + latestCheckpoint.map(c -> "the latest checkpoint stays " + c).orElse("no checkpoint was saved")
        + " (lower the learning rate?)");
    this.step = step;
    this.tensor = tensor;
  }

  /** The global step after the step that diverged. */
  public long step() {
    return step;
  }

  /** The first tensor found not finite: {@link NonFiniteCheck#LOSS} or a variable's name. */
  public String tensor() {
    return tensor;
  }
}
