package org.rigl.imagenet.convert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes {@link RgbImage}s with the JDK's {@code javax.imageio} writers: JPEG at quality 100 (what
 * the reference's {@code tf.image.encode_jpeg(image, format='rgb', quality=100)} asks for) and PNG
 * (what TFDS stores). ImageIO is part of the JDK and writes both formats, so no image library is
 * needed; streams are kept in memory so ImageIO never creates cache files.
 */
public final class ImageEncoding {
  private static final float JPEG_QUALITY = 1.0f;

  private ImageEncoding() {}

  public static byte[] jpeg(RgbImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(JPEG_QUALITY);
    return write(writer, image, param);
  }

  public static byte[] png(RgbImage image) {
    return write(ImageIO.getImageWritersByFormatName("png").next(), image, null);
  }

  private static byte[] write(ImageWriter writer, RgbImage image, ImageWriteParam param) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image.toBufferedImage(), null, null), param);
    } catch (IOException e) {
      // Writing to memory fails only on a writer bug; nothing the caller could act on.
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
