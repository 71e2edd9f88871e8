package org.rigl.core.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a TFRecord file that TensorFlow's {@code TFRecordDataset} reads: per record a little-endian
 * uint64 length, the masked CRC32C of those 8 bytes, the data, and the masked CRC32C of the data;
 * optionally the whole stream GZIP-compressed.
 *
 * <p>Hand-written because no well-kept Java library writes TensorFlow's record framing.
 *
 * <p>Records go to a hidden temporary file in the target directory that {@link #close()} flushes,
 * syncs and renames onto the target, so a killed process never leaves a half-written file under the
 * target name. Call {@link #abort()} (e.g. in a catch block) to discard what was written instead; if
 * a write itself failed, close discards automatically. Not thread-safe.
 */
public final class TfRecordWriter implements Closeable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path target;
  private final Path temporary;
  private final FileChannel channel;
  private final OutputStream out;
  private final ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
  private final ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
  private long recordCount;
  private boolean failed;
  private boolean closed;

  private TfRecordWriter(Path target, Path temporary, FileChannel channel, OutputStream out) {
    this.target = target;
    this.temporary = temporary;
    this.channel = channel;
    this.out = out;
  }

  /** Creates an uncompressed TFRecord file (replacing any existing one on close). */
  public static TfRecordWriter create(Path file) throws IOException {
    return create(file, TfRecordCompression.NONE);
  }

  /** Creates a TFRecord file with the given compression (replacing any existing one on close). */
  public static TfRecordWriter create(Path file, TfRecordCompression compression)
      throws IOException {
    Objects.requireNonNull(compression, "compression");
    Path target = file.toAbsolutePath();
    Path directory = target.getParent();
    Files.createDirectories(directory);
    Path temporary = createTemporary(directory, target.getFileName().toString());
    FileChannel channel = null;
    try {
      channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
      if (compression == TfRecordCompression.GZIP) {
        out = new GZIPOutputStream(out, 1 << 16);
      }
      return new TfRecordWriter(target, temporary, channel, out);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      Files.deleteIfExists(temporary);
      throw e;
    }
  }

  /**
   * A new hidden file beside the target. Not {@code Files.createTempFile}: its owner-only mode would
   * survive the rename, and data sets written for others to read must get the usual umask mode.
   */
  private static Path createTemporary(Path directory, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path candidate = directory.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(candidate);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  /** Writes {@code records} to {@code file} in one go. */
  public static void writeAll(Path file, TfRecordCompression compression, Iterable<byte[]> records)
      throws IOException {
    try (TfRecordWriter writer = create(file, compression)) {
      try {
        for (byte[] record : records) {
          writer.write(record);
        }
      } catch (IOException | RuntimeException e) {
        writer.abort();
        throw e;
      }
    }
  }

  /** Appends one record. */
  public void write(byte[] record) throws IOException {
    write(record, 0, record.length);
  }

  /** Appends {@code record[offset, offset + length)} as one record. */
  public void write(byte[] record, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, record.length);
    if (closed) {
      throw new IOException("TFRecord writer for " + target + " is already closed");
    }
    try {
      header.clear();
      header.putLong(length);
      header.putInt(MaskedCrc32c.masked(header.array(), 0, 8));
      out.write(header.array(), 0, 12);
      out.write(record, offset, length);
      footer.clear();
      footer.putInt(MaskedCrc32c.masked(record, offset, length));
      out.write(footer.array(), 0, 4);
      recordCount++;
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  /** Records written so far. */
  public long recordCount() {
    return recordCount;
  }

  /** The file that {@link #close()} creates. */
  public Path target() {
    return target;
  }

  /** Discards everything written; the target is left as it was. Idempotent. */
  public void abort() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException ignored) {
      // The bytes are being thrown away; a failing flush changes nothing.
    } finally {
      channel.close();
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Finishes the file and atomically moves it to the target name, unless a write failed or {@link
   * #abort()} was called (then the temporary file is deleted).
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    if (failed) {
      abort();
      return;
    }
    closed = true;
    try {
      out.flush();
      if (out instanceof GZIPOutputStream gzip) {
        gzip.finish();
        out.flush();
      }
      channel.force(true);
      out.close();
      moveIntoPlace();
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(temporary);
      throw e;
    }
  }

  private void moveIntoPlace() throws IOException {
    DurableFiles.rename(temporary, target);
    DurableFiles.syncFolder(target.toAbsolutePath().getParent());
  }
}
