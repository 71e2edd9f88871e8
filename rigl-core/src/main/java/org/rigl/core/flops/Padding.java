package org.rigl.core.flops;

/** Convolution padding as understood by micronet_challenge counting.get_conv_output_size. */
public enum Padding {
  SAME,
  VALID;

  /** Square output size: {@code ceil((image - filter + 1 + 2 * pad) / stride)}, pad = filter / 2 for SAME. */
  public int outputSize(int imageSize, long filterSize, int stride) {
    long pad = this == SAME ? filterSize / 2 : 0;
    return (int) Math.ceil((imageSize - filterSize + 1. + 2 * pad) / stride);
  }
}
