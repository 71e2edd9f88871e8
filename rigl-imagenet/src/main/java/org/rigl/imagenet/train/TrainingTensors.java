package org.rigl.imagenet.train;

import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.TrainStep;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.models.ForwardPass;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** A training graph's tensors a task may log: the loss terms, the rate, the step and the batch. */
public record TrainingTensors(
    Operand<TFloat32> loss,
    Operand<TFloat32> crossEntropy,
    Operand<TFloat32> regularization,
    Operand<TFloat32> learningRate,
    TrainStep step,
    MaskRegistry masks,
    Variable<TInt64> globalStep,
    ForwardPass forward,
    InputBatches input) {}
