package org.rigl.core.checkpoint;

import java.nio.file.Path;

/**
 * A child process for {@link KilledSaveTest}: saves forever into a folder, alternating a fixed-name
 * checkpoint ({@code model.ckpt}, replaced in place) and step checkpoints, printing each step saved.
 */
public final class SaveLoopMain {
  private SaveLoopMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long step = Long.parseLong(args[1]);
    try (StepModel model = new StepModel(200_000)) {
      CheckpointManager steps = new CheckpointManager(dir.resolve("steps"), 3);
      CheckpointManager fixed = new CheckpointManager(dir.resolve("fixed"), 0);
      while (true) {
        model.at(++step);
        fixed.saveAs(model.session, model.saver, CheckpointManager.BASENAME);
        steps.save(model.session, model.saver, step);
        System.out.println("saved " + step);
        System.out.flush();
      }
    }
  }
}
