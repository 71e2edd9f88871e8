package org.rigl.core.train.loop;

/** One training step's outcome: the batch's loss and the global step after the step. */
public record StepResult(float loss, long globalStep) {}
