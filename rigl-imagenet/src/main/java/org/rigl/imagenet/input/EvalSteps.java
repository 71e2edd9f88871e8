package org.rigl.imagenet.input;

import org.rigl.imagenet.data.BadInputException;

/** Evaluation steps, as {@code imagenet_train_eval.py}: the batch must divide the image count. */
public final class EvalSteps {
  private EvalSteps() {}

  /** {@code num_eval_images / eval_batch_size}, failing (as the reference) if it does not divide. */
  public static long of(long numEvalImages, long evalBatchSize) {
    if (evalBatchSize <= 0 || numEvalImages % evalBatchSize != 0) {
      throw new BadInputException(
          "--eval_batch_size=" + evalBatchSize + " must evenly divide --num_eval_images=" + numEvalImages);
    }
    return numEvalImages / evalBatchSize;
  }
}
