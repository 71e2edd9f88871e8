package org.rigl.core.train;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** A gradient and the variable it updates. */
public record GradientAndVariable(Operand<TFloat32> gradient, Variable<TFloat32> variable) {}
