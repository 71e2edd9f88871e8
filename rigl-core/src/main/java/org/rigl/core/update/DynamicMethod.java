package org.rigl.core.update;

import java.util.List;
import java.util.Map;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.Gradients;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * How a dynamic sparse training method (set, rigl, momentum, static) grows connections: only a
 * choice of grow scores and hooks around the one shared drop/grow kernel ({@link MaskUpdateKernel}).
 * Drop scores are the same for every method.
 */
public interface DynamicMethod {
  /** The {@code training_method} flag value: set, rigl, momentum, static. */
  String name();

  /** Scores of candidate connections; the highest inactive ones are grown. Same shape as W. */
  Operand<TFloat32> growScore(UpdateContext ctx, MaskedWeights layer);

  /** Static re-initialises every regrown connection, even one dropped and grown back. */
  default boolean reinitWhenSame() {
    return false;
  }

  /** The value written into every optimizer slot at a new connection (reference: 0). */
  default Operand<TFloat32> slotReset(UpdateContext ctx, MaskedWeights layer) {
    return ctx.tf().zerosLike(layer.weights());
  }

  /**
   * RigL: an update iteration updates masks only, with no weight step and no global-step
   * increment. The others take the weight step and then update with the incremented step.
   */
  default boolean skipsWeightStepOnUpdate() {
    return false;
  }

  /** Whether grow scores or grow-init need dL/d(mask*W) ({@code grad_*} grow-inits too). */
  default boolean usesMaskedGradients() {
    return false;
  }

  /**
   * Creates the method's state variables (before any conditional) and returns ops that must run
   * before the weight step on every iteration (SNFS: the gradient moving average).
   */
  default List<Op> prepare(Ops tf, List<MaskedWeights> layers, Gradients gradients) {
    return List.of();
  }
}
