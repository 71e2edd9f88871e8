package org.rigl.imagenet.train;

import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskStatistics;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.SummaryWriter;
import org.tensorflow.op.Ops;

/**
 * Port of {@code imagenet_resnet/utils.mask_summaries}, which both Estimator scripts log:
 * {@code pruning/<mask>/sparsity} for every mask and, {@code with_img}, the mask as an image
 * {@code mask/<mask>} of shape (1, -1, last_dim, 1).
 */
public final class MaskSummaries {
  private MaskSummaries() {}

  public static void add(Ops tf, SummaryWriter summaries, MaskRegistry masks, boolean withImages) {
    for (MaskedWeights layer : masks.layers()) {
      summaries.scalar("pruning/" + layer.maskName() + "/sparsity", MaskStatistics.zeroFraction(tf, layer.mask()));
      if (withImages) {
        long last = layer.shape().size(layer.shape().numDimensions() - 1);
        summaries.image("mask/" + layer.maskName(), tf.reshape(layer.mask(), tf.constant(new long[] {1, -1, last, 1})));
      }
    }
  }
}
