package org.rigl.core.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the records of a TFRecord file (see {@link TfRecordWriter} for the framing), verifying both
 * checksums of every record as TensorFlow's {@code RecordReader} does.
 *
 * <p>Hand-written because no well-kept Java library reads TensorFlow's record framing.
 *
 * <p>Damage (checksum mismatch, a file that ends inside a record, a broken GZIP stream) raises
 * {@link CorruptRecordException} naming the file, record index and offset. Single pass, not
 * thread-safe; {@link #iterator()} and {@link #stream()} continue from the current position and
 * wrap I/O errors in {@link UncheckedIOException}.
 */
public final class TfRecordReader implements Closeable, Iterable<byte[]> {
  private static final int HEADER_BYTES = 12;
  private static final int FOOTER_BYTES = 4;
  private static final long MAX_RECORD_BYTES = Integer.MAX_VALUE - 8;

  private final Path file;
  private final TfRecordCompression compression;
  private final InputStream in;
  /** The file's size when uncompressed (records cannot reach past it), else -1. */
  private final long fileBytes;
  private final byte[] header = new byte[HEADER_BYTES];
  private final ByteBuffer headerView = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
  private final byte[] footer = new byte[FOOTER_BYTES];
  private long recordIndex;
  private long offset;

  private TfRecordReader(Path file, TfRecordCompression compression, InputStream in, long fileBytes) {
    this.file = file;
    this.compression = compression;
    this.in = in;
    this.fileBytes = fileBytes;
  }

  /** Opens an uncompressed TFRecord file. */
  public static TfRecordReader open(Path file) throws IOException {
    return open(file, TfRecordCompression.NONE);
  }

  /** Opens a TFRecord file with the given compression. */
  public static TfRecordReader open(Path file, TfRecordCompression compression)
      throws IOException {
    Objects.requireNonNull(compression, "compression");
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    if (compression == TfRecordCompression.NONE) {
      try {
        return new TfRecordReader(file, compression, raw, Files.size(file));
      } catch (IOException | RuntimeException e) {
        raw.close();
        throw e;
      }
    }
    try {
      return new TfRecordReader(file, compression, new GZIPInputStream(raw, 1 << 16), -1);
    } catch (ZipException | EOFException e) {
      raw.close();
      throw new CorruptRecordException(file, 0, 0, "not a GZIP stream (" + e.getMessage() + ")", e);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Reads every record of {@code file}. */
  public static List<byte[]> readAll(Path file, TfRecordCompression compression)
      throws IOException {
    List<byte[]> records = new ArrayList<>();
    try (TfRecordReader reader = open(file, compression)) {
      for (byte[] record = reader.readRecord(); record != null; record = reader.readRecord()) {
        records.add(record);
      }
    }
    return records;
  }

  /** Returns the next record, or {@code null} when the file ends cleanly after a record. */
  public byte[] readRecord() throws IOException {
    try {
      int headerRead = in.readNBytes(header, 0, HEADER_BYTES);
      if (headerRead == 0) {
        return null;
      }
      if (headerRead < HEADER_BYTES) {
        throw corrupt("file ends inside the record header (" + headerRead + " of 12 bytes)");
      }
      long length = headerView.getLong(0);
      int storedLengthCrc = headerView.getInt(8);
      int actualLengthCrc = MaskedCrc32c.masked(header, 0, 8);
      if (storedLengthCrc != actualLengthCrc) {
        throw corrupt(
            "length checksum mismatch (stored "
                + MaskedCrc32c.hex(storedLengthCrc)
                + ", computed "
                + MaskedCrc32c.hex(actualLengthCrc)
                + ")"
                + gzipHint());
      }
      long left = fileBytes - offset - HEADER_BYTES - FOOTER_BYTES;
      if (fileBytes >= 0 && (length < 0 || length > left)) {
        throw corrupt("file ends inside the record: its length field says " + Long.toUnsignedString(length)
            + " bytes, " + Math.max(left, 0) + " are left");
      }
      if (length < 0 || length > MAX_RECORD_BYTES) {
        throw corrupt("record length " + Long.toUnsignedString(length) + " is too large");
      }
      byte[] data = in.readNBytes((int) length);
      if (data.length < length) {
        throw corrupt(
            "file ends inside the record data (" + data.length + " of " + length + " bytes)");
      }
      int footerRead = in.readNBytes(footer, 0, FOOTER_BYTES);
      if (footerRead < FOOTER_BYTES) {
        throw corrupt("file ends inside the data checksum (" + footerRead + " of 4 bytes)");
      }
      int storedDataCrc = ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt();
      int actualDataCrc = MaskedCrc32c.masked(data);
      if (storedDataCrc != actualDataCrc) {
        throw corrupt(
            "data checksum mismatch (stored "
                + MaskedCrc32c.hex(storedDataCrc)
                + ", computed "
                + MaskedCrc32c.hex(actualDataCrc)
                + ")");
      }
      recordIndex++;
      offset += HEADER_BYTES + length + FOOTER_BYTES;
      return data;
    } catch (ZipException | EOFException e) {
      // Only GZIP streams throw these: a damaged or truncated compressed stream.
      throw new CorruptRecordException(
          file, recordIndex, offset, "broken GZIP stream (" + e.getMessage() + ")", e);
    }
  }

  /** Records returned so far; also the index of the next record. */
  public long recordsRead() {
    return recordIndex;
  }

  public Path file() {
    return file;
  }

  @Override
  public Iterator<byte[]> iterator() {
    return new Iterator<>() {
      private byte[] next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          try {
            next = readRecord();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          done = next == null;
        }
        return next != null;
      }

      @Override
      public byte[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no more records in " + file);
        }
        byte[] record = next;
        next = null;
        return record;
      }
    };
  }

  /** The remaining records as a stream; closing the stream closes this reader. */
  public Stream<byte[]> stream() {
    Spliterator<byte[]> records =
        Spliterators.spliteratorUnknownSize(
            iterator(), Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(records, false).onClose(this::closeUnchecked);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void closeUnchecked() {
    try {
      close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CorruptRecordException corrupt(String problem) {
    return new CorruptRecordException(file, recordIndex, offset, problem, null);
  }

  /** A GZIP file read as uncompressed fails on its first length checksum; say why. */
  private String gzipHint() {
    boolean looksGzipped =
        compression == TfRecordCompression.NONE
            && recordIndex == 0
            && (header[0] & 0xff) == 0x1f
            && (header[1] & 0xff) == 0x8b;
    return looksGzipped ? "; the file starts with the GZIP magic, open it with GZIP compression" : "";
  }
}
