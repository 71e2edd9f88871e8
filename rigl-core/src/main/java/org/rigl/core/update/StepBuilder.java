package org.rigl.core.update;

import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.TrainStep;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TInt64;

/**
 * What a training method does with one batch's gradients: one training step (optimizer step,
 * global-step increment, mask changes). Gradients come from {@link Gradients#compute} on a loss or
 * from the towers' average, so every method is built the same way in both cases.
 */
public interface StepBuilder {
  /**
   * The step from {@code gradients}; {@code transform} (e.g. clipping) applies to the gradients the
   * optimizer steps with, never to the masked-weight gradients grow scores read.
   */
  TrainStep build(Ops tf, Gradients gradients, MaskRegistry masks, Variable<TInt64> globalStep, GradientTransform transform);
}
