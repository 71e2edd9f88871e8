package org.rigl.imagenet.mnist;

/** One evaluation on the whole test set: the script's test loss (cross-entropy plus L2) and accuracy. */
record MnistEvaluation(double testLoss, double testAccuracy) {}
