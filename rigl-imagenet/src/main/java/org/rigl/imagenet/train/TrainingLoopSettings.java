package org.rigl.imagenet.train;

import java.nio.file.Path;

/**
 * The flags {@link ImageClassifierRun}'s loop runs by, each driver's own names resolved.
 *
 * @param mode train, eval or train_and_eval
 * @param outputDir checkpoints, events and eval_results.json (the reference's model_dir)
 * @param trainSteps the last global step (after training_steps_multiplier)
 * @param checkpointSteps a checkpoint every this many steps (and at the end of training)
 * @param keepCheckpointMax checkpoints kept, 0 for all
 * @param evalEverySteps train_and_eval: steps between evaluations
 * @param summaryEverySteps training summaries every this many steps
 * @param batchSize images per training step (for the progress line)
 * @param trainingMethod --training_method: whether masks start from load_mask_dir
 * @param loadMaskDir masks of a fresh start, or empty
 * @param initialValueCheckpoint parameters of a fresh start, or empty
 */
public record TrainingLoopSettings(
    String mode,
    Path outputDir,
    long trainSteps,
    long checkpointSteps,
    int keepCheckpointMax,
    long evalEverySteps,
    long summaryEverySteps,
    int batchSize,
    String trainingMethod,
    String loadMaskDir,
    String initialValueCheckpoint) {

  public TrainingLoopSettings {
    if (checkpointSteps <= 0 || evalEverySteps <= 0 || summaryEverySteps <= 0) {
      throw new IllegalArgumentException("checkpoint, evaluation and summary intervals must be positive: "
          + checkpointSteps + ", " + evalEverySteps + ", " + summaryEverySteps);
    }
  }
}
