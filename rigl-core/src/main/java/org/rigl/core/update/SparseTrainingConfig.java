package org.rigl.core.update;

import java.util.Map;

/**
 * The sparse-training flags every driver shares, with the reference's names (imagenet_train_eval.py,
 * mnist_train_eval.py, resnet_train_eval.py). Drivers fill it from their own defaults.
 */
public record SparseTrainingConfig(
    String trainingMethod,
    double endSparsity,
    String maskInitMethod,
    double erkPowerScale,
    Map<String, Double> customSparsityMap,
    double dropFraction,
    String dropFractionAnneal,
    String growInit,
    double sMomentum,
    double riglAccScale,
    long maskupdateBeginStep,
    long maskupdateEndStep,
    long maskupdateFrequency,
    long pruneBeginStep,
    long pruneEndStep,
    long pruningFrequency,
    double thresholdDecay,
    long seed) {}
