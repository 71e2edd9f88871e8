package org.rigl.imagenet.convert;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.w3c.dom.Node;

/**
 * Reads an image file into {@link RgbJpeg}, as the reference's {@code _process_image} does: every
 * image is decoded in full (so a damaged file fails here, not in training), a 3-component JPEG
 * keeps its bytes, and anything else becomes an RGB JPEG at quality 100. The reference finds its one
 * PNG and 22 CMYK files by a hard-coded list of ImageNet names; this looks at the content instead,
 * so it also handles other data sets in the same layout.
 *
 * <p>Decoding uses the JDK's {@code javax.imageio}: it reads baseline and progressive JPEG, PNG, GIF
 * and BMP, which is all ImageNet holds, so no image library is needed. JPEGs are read with {@code
 * readRaster}, which returns the raw components without colour management (no surprises from odd
 * ICC profiles) and also for CMYK files, which {@link CmykToRgb} then converts.
 */
public final class RgbJpegReader {
  private static final String JPEG_METADATA_FORMAT = "javax_imageio_jpeg_image_1.0";

  private RgbJpegReader() {}

  /**
   * @throws IllegalArgumentException naming the file when it is not an image ImageIO can decode
   * @throws IOException when it cannot be read
   */
  public static RgbJpeg read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return isJpeg(bytes) ? fromJpeg(bytes) : fromOtherFormat(bytes);
    } catch (IOException | RuntimeException e) {
      // ImageIO reports damaged data as IIOException or as assorted runtime exceptions.
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
      throw new IllegalArgumentException(file + ": not a readable image (" + firstLine(reason) + ")", e);
    }
  }

  private static boolean isJpeg(byte[] bytes) {
    return bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff;
  }

  private static RgbJpeg fromJpeg(byte[] bytes) throws IOException {
    ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, false, false);
      Raster raster = reader.readRaster(0, null);
      failIfTruncated(warnings);
      return switch (raster.getNumBands()) {
        case 3 -> new RgbJpeg(bytes, raster.getHeight(), raster.getWidth(), ImageOrigin.RGB_JPEG);
        case 1 -> reencode(RgbImage.fromRaster(raster, null), ImageOrigin.GRAYSCALE_JPEG);
        case 4 -> {
          Node adobe = adobeMarker(reader.getImageMetadata(0));
          int transform = adobe == null ? 0 : Integer.parseInt(attribute(adobe, "transform"));
          yield reencode(CmykToRgb.convert(raster, adobe != null, transform), ImageOrigin.CMYK_JPEG);
        }
        default -> throw new IllegalArgumentException("a JPEG with " + raster.getNumBands() + " components");
      };
    } finally {
      reader.dispose();
    }
  }

  private static RgbJpeg fromOtherFormat(byte[] bytes) throws IOException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IllegalArgumentException("neither JPEG nor PNG nor another format ImageIO reads");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        BufferedImage image = reader.read(0);
        return reencode(RgbImage.fromRaster(image.getRaster(), image.getColorModel()), ImageOrigin.OTHER_FORMAT);
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * libjpeg only warns when the entropy-coded data ends early (and fills the rest with gray), where
   * TensorFlow's decoder fails; a file that lacks just its final EOI marker has every pixel and passes.
   */
  private static void failIfTruncated(List<String> warnings) {
    for (String warning : warnings) {
      if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
        throw new IllegalArgumentException("the JPEG data ends early: " + warning);
      }
    }
  }

  private static RgbJpeg reencode(RgbImage image, ImageOrigin origin) {
    return new RgbJpeg(ImageEncoding.jpeg(image), image.height(), image.width(), origin);
  }

  private static Node adobeMarker(IIOMetadata metadata) {
    Node root = metadata.getAsTree(JPEG_METADATA_FORMAT);
    for (Node section = root.getFirstChild(); section != null; section = section.getNextSibling()) {
      if (section.getNodeName().equals("markerSequence")) {
        for (Node marker = section.getFirstChild(); marker != null; marker = marker.getNextSibling()) {
          if (marker.getNodeName().equals("app14Adobe")) {
            return marker;
          }
        }
      }
    }
    return null;
  }

  private static String attribute(Node node, String name) {
    return node.getAttributes().getNamedItem(name).getNodeValue();
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline).strip();
  }
}
