package org.rigl.core.io;

import java.util.zip.CRC32C;

/**
 * CRC32C (Castagnoli) as TensorFlow stores it in TFRecords, table blocks and checkpoint entries.
 *
 * <p>TensorFlow "masks" stored checksums (rotate right by 15 bits, add a constant) because a CRC
 * computed over data that itself contains CRCs is weak; the same scheme comes from LevelDB. All
 * values are unsigned 32-bit numbers carried in a Java {@code int}.
 */
public final class MaskedCrc32c {
  private static final int MASK_DELTA = 0xa282ead8;

  private MaskedCrc32c() {}

  /** Plain (unmasked) CRC32C of {@code data[offset, offset + length)}. */
  public static int crc32c(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    return (int) crc.getValue();
  }

  /** Plain (unmasked) CRC32C of all of {@code data}. */
  public static int crc32c(byte[] data) {
    return crc32c(data, 0, data.length);
  }

  /** The masked form TensorFlow writes to disk. */
  public static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  /** Inverse of {@link #mask}. */
  public static int unmask(int maskedCrc) {
    int rotated = maskedCrc - MASK_DELTA;
    return (rotated >>> 17) | (rotated << 15);
  }

  /** Masked CRC32C of {@code data[offset, offset + length)}. */
  public static int masked(byte[] data, int offset, int length) {
    return mask(crc32c(data, offset, length));
  }

  /** Masked CRC32C of all of {@code data}. */
  public static int masked(byte[] data) {
    return masked(data, 0, data.length);
  }

  /** Formats a checksum for error messages, e.g. {@code 0x0a1b2c3d}. */
  static String hex(int crc) {
    return String.format("0x%08x", crc);
  }
}
