package org.rigl.imagenet.convert;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Small images in the encodings the converters meet, written with ImageIO. */
final class TestImages {
  private TestImages() {}

  static BufferedImage uniform(int width, int height, int r, int g, int b) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, new int[] {r, g, b});
      }
    }
    return image;
  }

  static BufferedImage gray(int width, int height, int value) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, value);
      }
    }
    return image;
  }

  static byte[] jpeg(BufferedImage image) {
    return encode(image, "jpeg");
  }

  static byte[] png(BufferedImage image) {
    return encode(image, "png");
  }

  /**
   * A 4-component JPEG of uniform raw samples; with {@code adobeTransform >= 0} an Adobe APP14
   * marker with that transform is added (0: CMYK, 2: YCCK), as Photoshop writes them.
   */
  static byte[] fourComponentJpeg(int width, int height, int[] samples, int adobeTransform) {
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, samples);
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(raster, null, null), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] plain = bytes.toByteArray();
    if (adobeTransform < 0) {
      return plain;
    }
    byte[] app14 = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) adobeTransform};
    byte[] marked = new byte[plain.length + app14.length];
    System.arraycopy(plain, 0, marked, 0, 2);
    System.arraycopy(app14, 0, marked, 2, app14.length);
    System.arraycopy(plain, 2, marked, 2 + app14.length, plain.length - 2);
    return marked;
  }

  /** Decodes a JPEG's raw components (YCbCr JPEGs come back as RGB through {@code read}). */
  static Raster decode(byte[] encoded) {
    try {
      ImageReader reader = ImageIO.getImageReaders(new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))).next();
      reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded)));
      return reader.read(0).getRaster();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, bytes)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
