package org.rigl.tools.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.rigl.core.io.MaskedCrc32c;

/** Seeded damage to a file's bytes, each with a description to name a failing case. */
final class Mutations {
  /** A mutated copy and what was done. */
  record Mutation(String description, byte[] bytes) {}

  private static final long[] BOUNDARY_VALUES = {0, 1, -1, 0x7f, 0xff, 0x7fffffffL, 0xffffffffL, 1L << 40, Long.MAX_VALUE};

  private Mutations() {}

  /** One random kind of damage: bit flips, truncation, extension, zeroing or a boundary value written. */
  static Mutation any(byte[] input, Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> flipBits(input, random, 1 + random.nextInt(4));
      case 1 -> truncate(input, random);
      case 2 -> extend(input, random);
      case 3 -> zero(input, random);
      default -> boundaryValue(input, random);
    };
  }

  static Mutation flipBits(byte[] input, Random random, int count) {
    byte[] out = input.clone();
    StringBuilder where = new StringBuilder();
    for (int i = 0; i < count && out.length > 0; i++) {
      int bit = random.nextInt(out.length * 8);
      out[bit / 8] ^= (byte) (1 << (bit % 8));
      where.append(i == 0 ? "" : ",").append(bit);
    }
    return new Mutation("flip bits " + where, out);
  }

  static Mutation truncate(byte[] input, Random random) {
    int keep = input.length == 0 ? 0 : random.nextInt(input.length);
    return new Mutation("truncate to " + keep + " of " + input.length + " bytes", Arrays.copyOf(input, keep));
  }

  static Mutation extend(byte[] input, Random random) {
    int extra = 1 + random.nextInt(64);
    byte[] out = Arrays.copyOf(input, input.length + extra);
    byte[] tail = new byte[extra];
    random.nextBytes(tail);
    System.arraycopy(tail, 0, out, input.length, extra);
    return new Mutation("append " + extra + " random bytes", out);
  }

  static Mutation zero(byte[] input, Random random) {
    byte[] out = input.clone();
    if (out.length == 0) {
      return new Mutation("zero nothing", out);
    }
    int start = random.nextInt(out.length);
    int end = Math.min(out.length, start + 1 + random.nextInt(64));
    Arrays.fill(out, start, end, (byte) 0);
    return new Mutation("zero bytes [" + start + ", " + end + ")", out);
  }

  static Mutation boundaryValue(byte[] input, Random random) {
    byte[] out = input.clone();
    long value = BOUNDARY_VALUES[random.nextInt(BOUNDARY_VALUES.length)];
    int width = random.nextBoolean() ? 4 : 8;
    if (out.length < width) {
      return new Mutation("no room for a boundary value", out);
    }
    int at = random.nextInt(out.length - width + 1);
    ByteBuffer buffer = ByteBuffer.wrap(out).order(random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    if (width == 4) {
      buffer.putInt(at, (int) value);
    } else {
      buffer.putLong(at, value);
    }
    return new Mutation("write " + Long.toUnsignedString(value) + " as " + width + " bytes at " + at, out);
  }

  /**
   * A TFRecord frame's length field set to {@code length} with a valid length checksum, so only a
   * reader that bounds lengths by the file catches it.
   */
  static Mutation tfRecordLength(byte[] input, Random random) {
    int[] offsets = frameOffsets(input);
    byte[] out = input.clone();
    if (offsets.length == 0) {
      return new Mutation("no frame", out);
    }
    int record = random.nextInt(offsets.length);
    int at = offsets[record];
    long length = random.nextBoolean() ? BOUNDARY_VALUES[random.nextInt(BOUNDARY_VALUES.length)] : random.nextInt(input.length * 2 + 1);
    ByteBuffer buffer = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(at, length);
    buffer.putInt(at + 8, MaskedCrc32c.masked(out, at, 8));
    return new Mutation("record " + record + " length field " + Long.toUnsignedString(length) + " with a valid checksum", out);
  }

  /** Offsets of the frames of a well-formed TFRecord file. */
  static int[] frameOffsets(byte[] file) {
    ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int[] offsets = new int[0];
    for (int at = 0; at + 12 <= file.length; at += 12 + (int) buffer.getLong(at) + 4) {
      offsets = Arrays.copyOf(offsets, offsets.length + 1);
      offsets[offsets.length - 1] = at;
    }
    return offsets;
  }
}
