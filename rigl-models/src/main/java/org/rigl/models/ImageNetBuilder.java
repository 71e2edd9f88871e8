package org.rigl.models;

import org.rigl.models.layers.DataFormat;

/**
 * The options of the {@code imagenet_train_eval.py} networks on top of {@link NetworkBuilder}'s:
 * the width multiplier and the data format; 1000 classes and
 * {@link FirstLastLayerSparsity#IMAGENET_DEFAULTS} unless set.
 */
public abstract class ImageNetBuilder<B extends ImageNetBuilder<B>> extends NetworkBuilder<B> {
  double width = 1.0;

  ImageNetBuilder() {
    super(1000, FirstLastLayerSparsity.IMAGENET_DEFAULTS);
  }

  /** {@code --width}: multiplier of the layers' filter counts, stem and classifier input included. */
  public B width(double width) {
    this.width = requirePositive(width, "width");
    return self();
  }

  /** {@code --data_format}: only 'channels_last' (see {@link DataFormat}). */
  public B dataFormat(String format) {
    DataFormat.require(format);
    return self();
  }
}
