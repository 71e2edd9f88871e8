package org.rigl.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class Crc32cTest {
  private static final byte[] CHECK_INPUT = "123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void crc32cOfTheStandardCheckVector() {
    assertEquals(0xE3069283, MaskedCrc32c.crc32c(CHECK_INPUT));
  }

  @Test
  void maskRotatesRightBy15AndAddsTheDelta() {
    int crc = 0xE3069283;
    int expected = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    assertEquals(expected, MaskedCrc32c.mask(crc));
    assertEquals(expected, MaskedCrc32c.masked(CHECK_INPUT));
  }

  @Test
  void unmaskInvertsMask() {
    for (int crc : new int[] {0, 1, -1, 0xE3069283, 0x80000000, 0x7fffffff, 0x12345678}) {
      assertEquals(crc, MaskedCrc32c.unmask(MaskedCrc32c.mask(crc)));
    }
  }

  @Test
  void maskedCrcOfEmptyInputMatchesTheLengthChecksumOfAnEmptyTfRecord() {
    // The CRC32C of nothing is 0, so its mask is the bare delta.
    assertEquals(0xa282ead8, MaskedCrc32c.masked(new byte[0]));
  }

  @Test
  void crcOfASubrangeIgnoresTheRest() {
    byte[] padded = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0xE3069283, MaskedCrc32c.crc32c(padded, 2, 9));
  }
}
