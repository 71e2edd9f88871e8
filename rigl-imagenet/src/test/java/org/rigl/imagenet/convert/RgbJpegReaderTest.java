package org.rigl.imagenet.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class RgbJpegReaderTest {
  /** JPEG at quality 100 still moves uniform colours by a level or two. */
  private static final int TOLERANCE = 3;

  @TempDir Path dir;

  @Test
  void rgbJpegKeepsItsBytes() throws IOException {
    byte[] original = TestImages.jpeg(TestImages.uniform(20, 10, 200, 30, 60));
    RgbJpeg jpeg = RgbJpegReader.read(file("a.JPEG", original));
    assertArrayEquals(original, jpeg.bytes());
    assertEquals(ImageOrigin.RGB_JPEG, jpeg.origin());
    assertEquals(10, jpeg.height());
    assertEquals(20, jpeg.width());
  }

  @Test
  void grayscaleJpegBecomesRgbWithTheSameLevels() throws IOException {
    RgbJpeg jpeg = RgbJpegReader.read(file("g.JPEG", TestImages.jpeg(TestImages.gray(9, 7, 100))));
    assertEquals(ImageOrigin.GRAYSCALE_JPEG, jpeg.origin());
    assertEquals(7, jpeg.height());
    assertEquals(9, jpeg.width());
    assertUniform(jpeg.bytes(), 100, 100, 100);
  }

  @Test
  void adobeCmykIsReadAsInvertedLikeTensorFlow() throws IOException {
    int[] cmyk = {200, 100, 50, 220};
    RgbJpeg jpeg = RgbJpegReader.read(file("c.JPEG", TestImages.fourComponentJpeg(16, 8, cmyk, 0)));
    assertEquals(ImageOrigin.CMYK_JPEG, jpeg.origin());
    // TensorFlow: r = k * c / 255 for Adobe files.
    assertUniform(jpeg.bytes(), 220 * 200 / 255, 220 * 100 / 255, 220 * 50 / 255);
  }

  @Test
  void plainCmykIsReadAsNotInverted() throws IOException {
    int[] cmyk = {200, 100, 50, 20};
    RgbJpeg jpeg = RgbJpegReader.read(file("c.JPEG", TestImages.fourComponentJpeg(16, 8, cmyk, -1)));
    assertUniform(jpeg.bytes(), 235 * 55 / 255, 235 * 155 / 255, 235 * 205 / 255);
  }

  @Test
  void ycckGoesThroughLibjpegsColourConversionFirst() throws IOException {
    // Y=150, Cb=Cr=128 is gray 150; libjpeg turns it into inverted CMY 105, then r = k * 105 / 255.
    int[] ycck = {150, 128, 128, 255};
    RgbJpeg jpeg = RgbJpegReader.read(file("y.JPEG", TestImages.fourComponentJpeg(8, 8, ycck, 2)));
    assertUniform(jpeg.bytes(), 105, 105, 105);
  }

  @Test
  void pngIsReencodedAsJpeg() throws IOException {
    RgbJpeg jpeg = RgbJpegReader.read(file("p.JPEG", TestImages.png(TestImages.uniform(12, 5, 10, 120, 240))));
    assertEquals(ImageOrigin.OTHER_FORMAT, jpeg.origin());
    assertEquals(5, jpeg.height());
    assertEquals(12, jpeg.width());
    assertTrue(isJpeg(jpeg.bytes()));
    assertUniform(jpeg.bytes(), 10, 120, 240);
  }

  @Test
  void paletteAndGrayPngsKeepTheirColours() {
    byte[] reds = {0, (byte) 250};
    byte[] greens = {0, 20};
    byte[] blues = {0, 90};
    BufferedImage indexed =
        new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 2, reds, greens, blues));
    indexed.getRaster().setSample(1, 1, 0, 1);
    RgbImage fromPalette = RgbImage.fromRaster(indexed.getRaster(), indexed.getColorModel());
    assertEquals(Arrays.asList(250, 20, 90), pixel(fromPalette, 1, 1));
    assertEquals(Arrays.asList(0, 0, 0), pixel(fromPalette, 0, 0));
    // Gray is replicated as is, not run through Java's linear-gamma gray colour space.
    BufferedImage gray = TestImages.gray(2, 2, 100);
    assertEquals(Arrays.asList(100, 100, 100), pixel(RgbImage.fromRaster(gray.getRaster(), gray.getColorModel()), 1, 0));
  }

  @Test
  void damagedFilesFailNamingTheFile() throws IOException {
    Path garbage = file("bad.JPEG", "not an image at all".getBytes());
    IllegalArgumentException notImage = assertThrows(IllegalArgumentException.class, () -> RgbJpegReader.read(garbage));
    assertTrue(notImage.getMessage().startsWith(garbage + ": not a readable image"), notImage.getMessage());
    assertFalse(notImage.getMessage().contains("\n"));

    byte[] whole = TestImages.jpeg(noisy(64, 64));
    Path truncated = file("cut.JPEG", Arrays.copyOf(whole, whole.length * 3 / 4));
    IllegalArgumentException cut = assertThrows(IllegalArgumentException.class, () -> RgbJpegReader.read(truncated));
    assertTrue(cut.getMessage().contains("cut.JPEG"), cut.getMessage());
  }

  static boolean isJpeg(byte[] bytes) {
    return (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff;
  }

  static void assertUniform(byte[] jpeg, int r, int g, int b) {
    assertTrue(isJpeg(jpeg), "JPEG magic");
    Raster raster = TestImages.decode(jpeg);
    assertEquals(3, raster.getNumBands());
    int[] pixel = raster.getPixel(raster.getWidth() / 2, raster.getHeight() / 2, (int[]) null);
    int[] expected = {r, g, b};
    for (int c = 0; c < 3; c++) {
      assertTrue(Math.abs(pixel[c] - expected[c]) <= TOLERANCE, Arrays.toString(pixel) + " vs " + Arrays.toString(expected));
    }
  }

  private static java.util.List<Integer> pixel(RgbImage image, int x, int y) {
    return Arrays.asList(image.channel(x, y, 0), image.channel(x, y, 1), image.channel(x, y, 2));
  }

  private static BufferedImage noisy(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    java.util.Random random = new java.util.Random(1);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return image;
  }

  private Path file(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }
}
