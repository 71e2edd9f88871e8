package org.rigl.imagenet.convert;

/** What an input image file held, which decides whether it is stored as is or re-encoded. */
public enum ImageOrigin {
  /** A 3-component JPEG: its bytes are stored unchanged, as the reference stores them. */
  RGB_JPEG,
  /** A 1-component JPEG: re-encoded so that {@code image/channels=3} holds for the stored bytes. */
  GRAYSCALE_JPEG,
  /** A CMYK or YCCK JPEG (22 ImageNet training images): converted to RGB as the reference does. */
  CMYK_JPEG,
  /** PNG or another format ImageIO reads (one ImageNet "JPEG" is a PNG): re-encoded as JPEG. */
  OTHER_FORMAT;

  public boolean reencoded() {
    return this != RGB_JPEG;
  }
}
