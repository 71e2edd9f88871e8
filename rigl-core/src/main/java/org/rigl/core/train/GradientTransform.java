package org.rigl.core.train;

import java.util.List;
import org.tensorflow.op.Ops;

/**
 * Rewrites the variable gradients between computing and applying them (TF1:
 * {@code compute_gradients}, transform, {@code apply_gradients}), e.g. {@link ClipByGlobalNorm}.
 *
 * <p>Only the gradients handed to the wrapped optimizer are transformed: the gradients w.r.t.
 * {@code mask * W} that RigL and SNFS score connections with stay raw, because the reference
 * computes them inside its own {@code compute_gradients}, before any caller could touch them.
 */
@FunctionalInterface
public interface GradientTransform {
  /** The gradients to apply, one per input and in the same order. */
  List<GradientAndVariable> apply(Ops tf, List<GradientAndVariable> gradients);

  /** Leaves the gradients as they are. */
  static GradientTransform identity() {
    return (tf, gradients) -> gradients;
  }
}
