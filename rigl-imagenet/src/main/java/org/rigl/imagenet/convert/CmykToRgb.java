package org.rigl.imagenet.convert;

import java.awt.image.Raster;

/**
 * Turns the raw samples of a 4-component (CMYK or YCCK) JPEG into RGB as the reference's
 * {@code tf.image.decode_jpeg(..., channels=0)} does: libjpeg's YCCK-to-CMYK conversion for Adobe
 * transform 2, then TensorFlow's CMYK-to-RGB formula, which reads Adobe files' samples as inverted
 * ({@code r = k * c / 255}) and others as plain ({@code r = (255 - k) * (255 - c) / 255}).
 */
final class CmykToRgb {
  /** libjpeg's fixed-point YCbCr constants ({@code FIX(x)} with 16 fraction bits). */
  private static final int SCALE_BITS = 16;
  private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
  private static final int CR_TO_R = fix(1.40200);
  private static final int CB_TO_B = fix(1.77200);
  private static final int CR_TO_G = fix(0.71414);
  private static final int CB_TO_G = fix(0.34414);

  private CmykToRgb() {}

  /**
   * @param raster the JPEG's 4 raw components, as {@code ImageReader.readRaster} returns them
   * @param adobeMarker whether the file has an Adobe APP14 marker
   * @param adobeTransform that marker's transform (2: YCCK); ignored without the marker
   */
  static RgbImage convert(Raster raster, boolean adobeMarker, int adobeTransform) {
    int width = raster.getWidth();
    int height = raster.getHeight();
    boolean ycck = adobeMarker && adobeTransform == 2;
    byte[] pixels = new byte[width * height * 3];
    int[] samples = new int[4];
    int i = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.getPixel(raster.getMinX() + x, raster.getMinY() + y, samples);
        if (ycck) {
          yccToInvertedRgb(samples);
        }
        int k = samples[3];
        for (int channel = 0; channel < 3; channel++) {
          int c = samples[channel];
          int value = adobeMarker ? k * c / 255 : (255 - k) * (255 - c) / 255;
          pixels[i++] = (byte) value;
        }
      }
    }
    return new RgbImage(width, height, pixels);
  }

  /** libjpeg's {@code ycck_cmyk_convert}: Y, Cb, Cr to 255 - R, 255 - G, 255 - B in place. */
  private static void yccToInvertedRgb(int[] samples) {
    int luma = samples[0];
    int cb = samples[1] - 128;
    int cr = samples[2] - 128;
    int r = luma + ((CR_TO_R * cr + ONE_HALF) >> SCALE_BITS);
    int g = luma + ((-CB_TO_G * cb + ONE_HALF - CR_TO_G * cr) >> SCALE_BITS);
    int b = luma + ((CB_TO_B * cb + ONE_HALF) >> SCALE_BITS);
    samples[0] = 255 - clamp(r);
    samples[1] = 255 - clamp(g);
    samples[2] = 255 - clamp(b);
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }

  private static int fix(double value) {
    return (int) (value * (1 << SCALE_BITS) + 0.5);
  }
}
