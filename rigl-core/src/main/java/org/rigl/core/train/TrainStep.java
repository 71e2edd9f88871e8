package org.rigl.core.train;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * One training iteration's graph: run {@code trainOp}; {@code dropFraction} (0 on non-update
 * iterations), {@code isMaskUpdate} and the gradients can be fetched in the same run for logging.
 */
public record TrainStep(
    Op trainOp, Operand<TFloat32> dropFraction, Operand<TBool> isMaskUpdate, Gradients gradients) {}
