package org.rigl.imagenet.convert;

/**
 * An image ready for the {@code image/encoded} feature: RGB JPEG bytes and the decoded size.
 *
 * @param origin what the input file held; anything but {@link ImageOrigin#RGB_JPEG} was re-encoded
 */
public record RgbJpeg(byte[] bytes, int height, int width, ImageOrigin origin) {}
