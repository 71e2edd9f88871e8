package org.rigl.imagenet.train;

import org.rigl.core.train.WeightOptimizer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A task's learning rate (a function of the global step, logged) and the optimizer applying it. */
public record Optimization(Operand<TFloat32> learningRate, WeightOptimizer optimizer) {}
