package org.rigl.core.update;

import java.util.List;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.TrainStep;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A sparse training method that turns gradients into one training step (SET/RigL/SNFS/Static,
 * SNIP, DNW). Built from precomputed gradients (e.g. the towers' average) or from a loss.
 */
public interface SparseStepBuilder {
  /**
   * The step from {@code gradients}; {@code transform} (e.g. clipping) applies to the gradients the
   * optimizer steps with, never to the masked-weight gradients grow scores read.
   */
  TrainStep build(Ops tf, Gradients gradients, MaskRegistry masks, Variable<TInt64> globalStep, GradientTransform transform);

  /** The step minimising {@code loss} over the masked layers and {@code others}: one backward pass. */
  default TrainStep build(
      Ops tf,
      Operand<TFloat32> loss,
      MaskRegistry masks,
      List<Variable<TFloat32>> others,
      Variable<TInt64> globalStep,
      GradientTransform transform) {
    Gradients gradients = Gradients.compute((Graph) tf.scope().env(), loss, masks.layers(), others);
    return build(tf, gradients, masks, globalStep, transform);
  }

  /** As above without a transform. */
  default TrainStep build(
      Ops tf, Operand<TFloat32> loss, MaskRegistry masks, List<Variable<TFloat32>> others, Variable<TInt64> globalStep) {
    return build(tf, loss, masks, others, globalStep, GradientTransform.identity());
  }
}
