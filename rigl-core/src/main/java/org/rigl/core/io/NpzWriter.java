package org.rigl.core.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a numpy {@code .npz} archive as {@code np.savez} does: an uncompressed zip holding one
 * {@code KEY.npy} file per array, so that {@code np.load(path)[KEY]} reads it back. The archive is
 * written to a temporary file beside the target and moved into place by {@link #commit()}; {@link
 * #close()} without a commit deletes it, so readers never see a partial archive.
 *
 * <p>Each entry is an NPY format 1.0 file: the magic {@code \x93NUMPY}, version 1.0, the header
 * length as a little-endian uint16, then an ASCII dict header padded with spaces and ended by a
 * newline so that the values start at a multiple of 64 bytes (numpy's alignment), then the values
 * in C order.
 */
public final class NpzWriter implements Closeable {
  /** numpy's {@code ARRAY_ALIGN}: the preamble's length is a multiple of it. */
  static final int ALIGNMENT = 64;

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int PREFIX_BYTES = MAGIC.length + 2 + Short.BYTES;

  private final Path target;
  private final Path temp;
  private final ZipOutputStream zip;
  private final Set<String> keys = new HashSet<>();
  private boolean committed;

  private NpzWriter(Path target, Path temp) throws IOException {
    this.target = target;
    this.temp = temp;
    this.zip = new ZipOutputStream(
        new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16));
  }

  /** Starts {@code file}; its folder must exist. Nothing appears at {@code file} before {@link #commit()}. */
  public static NpzWriter create(Path file) throws IOException {
    Path target = file.toAbsolutePath().normalize();
    // A plain new file rather than Files.createTempFile, whose owner-only permissions the result would keep.
    Path temp = target.resolveSibling(
        "." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    return new NpzWriter(target, temp);
  }

  /** Adds {@code values} (C order) as a numpy {@code bool} array of {@code shape} under {@code key}. */
  public void putBooleans(String key, long[] shape, boolean[] values) throws IOException {
    byte[] data = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      data[i] = (byte) (values[i] ? 1 : 0);
    }
    put(key, "|b1", shape, values.length, data);
  }

  private void put(String key, String descr, long[] shape, long count, byte[] data) throws IOException {
    if (Arrays.stream(shape).reduce(1, Math::multiplyExact) != count) {
      throw new IllegalArgumentException(key + ": shape " + Arrays.toString(shape) + " does not hold " + count + " values");
    }
    if (!keys.add(key)) {
      throw new IllegalArgumentException("duplicate .npz key '" + key + "'");
    }
    byte[] preamble = npyPreamble(descr, shape);
    CRC32 crc = new CRC32();
    crc.update(preamble);
    crc.update(data);
    // STORED (np.savez's ZIP_STORED) entries must declare their size and CRC up front.
    ZipEntry entry = new ZipEntry(key + ".npy");
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(preamble.length + (long) data.length);
    entry.setCompressedSize(entry.getSize());
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(preamble);
    zip.write(data);
    zip.closeEntry();
  }

  /** The NPY 1.0 preamble: magic, version, header length and the padded header dict. */
  static byte[] npyPreamble(String descr, long[] shape) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeTuple(shape) + ", }";
    int unpadded = PREFIX_BYTES + dict.length() + 1;
    String header = dict + " ".repeat(Math.floorMod(-unpadded, ALIGNMENT)) + "\n";
    if (header.length() > 0xffff) {
      throw new IllegalArgumentException("NPY 1.0 header too long for shape " + Arrays.toString(shape));
    }
    return ByteBuffer.allocate(PREFIX_BYTES + header.length()).order(ByteOrder.LITTLE_ENDIAN)
        .put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length())
        .put(header.getBytes(StandardCharsets.US_ASCII)).array();
  }

  /** A Python tuple literal: {@code ()}, {@code (5,)}, {@code (784, 300)}. */
  static String shapeTuple(long[] shape) {
    String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
    return "(" + dims + (shape.length == 1 ? ",)" : ")");
  }

  /** Finishes the archive and moves it to its file, replacing any older one. */
  public void commit() throws IOException {
    zip.close();
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
  }

  /** Deletes the unfinished archive unless committed. Idempotent. */
  @Override
  public void close() throws IOException {
    if (committed) {
      return;
    }
    try {
      zip.close();
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
