package org.rigl.core.io;

/**
 * Reads LevelDB/protobuf-style varints and fixed-width little-endian integers from a byte range,
 * never past its limit. A malformed or overrunning value yields {@link MalformedException}, which
 * callers turn into an error naming the file.
 */
final class ByteCursor {
  private final byte[] data;
  private final int limit;
  private int position;

  ByteCursor(byte[] data, int position, int limit) {
    this.data = data;
    this.position = position;
    this.limit = limit;
  }

  int position() {
    return position;
  }

  int remaining() {
    return limit - position;
  }

  long varint64() throws MalformedException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= limit) {
        throw new MalformedException("varint runs past offset " + limit);
      }
      int b = data[position++] & 0xff;
      result |= (long) (b & 0x7f) << shift;
      if (b < 0x80) {
        return result;
      }
    }
    throw new MalformedException("varint longer than 10 bytes");
  }

  /** A varint that must fit a non-negative Java int (LevelDB uses varint32 for block lengths). */
  int varint32() throws MalformedException {
    long value = varint64();
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new MalformedException("varint32 value " + Long.toUnsignedString(value) + " out of range");
    }
    return (int) value;
  }

  /** Advances past {@code length} bytes, returning where they started. */
  int skip(long length) throws MalformedException {
    if (length < 0 || length > remaining()) {
      throw new MalformedException(
          "needs " + length + " bytes at offset " + position + " but only " + remaining() + " remain");
    }
    int start = position;
    position += (int) length;
    return start;
  }

  static int fixed32(byte[] data, int offset) {
    return (data[offset] & 0xff)
        | (data[offset + 1] & 0xff) << 8
        | (data[offset + 2] & 0xff) << 16
        | (data[offset + 3] & 0xff) << 24;
  }

  static long fixed64(byte[] data, int offset) {
    return (fixed32(data, offset) & 0xffffffffL) | (long) fixed32(data, offset + 4) << 32;
  }

  /** The encoding is broken; the message says how, the caller adds which file. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }
}
