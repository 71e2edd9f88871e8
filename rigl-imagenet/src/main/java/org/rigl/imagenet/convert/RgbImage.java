package org.rigl.imagenet.convert;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * An 8-bit RGB image, pixels interleaved row by row ({@code height x width x 3}, the layout of
 * TensorFlow's decoded images).
 */
public record RgbImage(int width, int height, byte[] pixels) {
  public RgbImage {
    if (width <= 0 || height <= 0 || pixels.length != (long) width * height * 3) {
      throw new IllegalArgumentException(
          "RGB image of " + width + "x" + height + " cannot hold " + pixels.length + " bytes");
    }
  }

  /**
   * The decoded samples of any image as 3-channel RGB, the way {@code tf.image.decode_png(...,
   * channels=3)} turns them: gray replicated into R, G and B, alpha dropped (not composited),
   * palette entries looked up, 16-bit samples cut to their high byte and 1/2/4-bit ones stretched to
   * 0..255. Reads the raw samples rather than {@code BufferedImage.getRGB}, which would run gray
   * through Java's linear-gamma colour conversion and change its values.
   */
  public static RgbImage fromRaster(Raster raster, ColorModel colorModel) {
    int width = raster.getWidth();
    int height = raster.getHeight();
    byte[] pixels = new byte[width * height * 3];
    int bands = raster.getNumBands();
    int[] bits = raster.getSampleModel().getSampleSize();
    int minX = raster.getMinX();
    int minY = raster.getMinY();
    IndexColorModel palette = colorModel instanceof IndexColorModel indexed ? indexed : null;
    if (palette == null && bands != 1 && bands != 2 && bands != 3 && bands != 4) {
      throw new IllegalArgumentException("image has " + bands + " channels; expected gray, gray+alpha, RGB or RGBA");
    }
    int i = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r;
        int g;
        int b;
        if (palette != null) {
          int index = raster.getSample(minX + x, minY + y, 0);
          r = palette.getRed(index);
          g = palette.getGreen(index);
          b = palette.getBlue(index);
        } else if (bands <= 2) {
          r = g = b = to8Bits(raster.getSample(minX + x, minY + y, 0), bits[0]);
        } else {
          r = to8Bits(raster.getSample(minX + x, minY + y, 0), bits[0]);
          g = to8Bits(raster.getSample(minX + x, minY + y, 1), bits[1]);
          b = to8Bits(raster.getSample(minX + x, minY + y, 2), bits[2]);
        }
        pixels[i++] = (byte) r;
        pixels[i++] = (byte) g;
        pixels[i++] = (byte) b;
      }
    }
    return new RgbImage(width, height, pixels);
  }

  /** The red, green or blue value (0..255) at a pixel. */
  public int channel(int x, int y, int channel) {
    return pixels[(y * width + x) * 3 + channel] & 0xff;
  }

  /** A {@code TYPE_3BYTE_BGR} image of these pixels, ready for an ImageIO writer. */
  public BufferedImage toBufferedImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < pixels.length; i += 3) {
      bgr[i] = pixels[i + 2];
      bgr[i + 1] = pixels[i + 1];
      bgr[i + 2] = pixels[i];
    }
    return image;
  }

  private static int to8Bits(int sample, int bits) {
    if (bits == 8) {
      return sample;
    }
    if (bits > 8) {
      return sample >>> (bits - 8);
    }
    return sample * 255 / ((1 << bits) - 1);
  }
}
