package org.rigl.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rigl.core.io.ByteCursor.MalformedException;
import org.xerial.snappy.Snappy;

/**
 * Reads every entry of an immutable LevelDB-format table (SSTable), the container TensorFlow uses for
 * a checkpoint's {@code .index} file, in key order.
 *
 * <p>Layout: data blocks, a meta-index block, an index block (one entry per data block whose value
 * is that block's handle: varint64 offset, varint64 size), then a 48-byte footer holding the
 * meta-index and index handles, zero padding and the magic number. Each block is followed by a 5-byte
 * trailer: compression type (0 none, 1 Snappy) and the masked CRC32C of block bytes plus that type
 * byte. Like TensorFlow's {@code Table::Open}, the meta-index block (no filters in checkpoints) is
 * ignored. Whole-file read: index files are small.
 */
final class SsTable {
  static final long MAGIC = 0xdb4775248b80fb57L;
  static final int FOOTER_BYTES = 48;
  private static final int BLOCK_TRAILER_BYTES = 5;
  private static final int NO_COMPRESSION = 0;
  private static final int SNAPPY_COMPRESSION = 1;

  private final Path file;
  private final byte[] bytes;

  private SsTable(Path file, byte[] bytes) {
    this.file = file;
    this.bytes = bytes;
  }

  static List<SsTableBlock.Entry> readAll(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "checkpoint index file not found");
    }
    return new SsTable(file, Files.readAllBytes(file)).entries();
  }

  private List<SsTableBlock.Entry> entries() throws IOException {
    if (bytes.length < FOOTER_BYTES) {
      throw corrupt("file of " + bytes.length + " bytes is too short to be a table (footer is 48)");
    }
    int footer = bytes.length - FOOTER_BYTES;
    long magic = ByteCursor.fixed64(bytes, bytes.length - 8);
    if (magic != MAGIC) {
      throw corrupt(String.format("not a table: bad magic number 0x%016x", magic));
    }
    ByteCursor footerCursor = new ByteCursor(bytes, footer, bytes.length - 8);
    List<SsTableBlock.Entry> result = new ArrayList<>();
    try {
      skipHandle(footerCursor); // meta-index
      long indexOffset = footerCursor.varint64();
      long indexSize = footerCursor.varint64();
      for (SsTableBlock.Entry indexEntry : SsTableBlock.entries(block(indexOffset, indexSize, "index"))) {
        ByteCursor handle = new ByteCursor(indexEntry.value(), 0, indexEntry.value().length);
        long offset = handle.varint64();
        long size = handle.varint64();
        result.addAll(SsTableBlock.entries(block(offset, size, "data")));
      }
    } catch (MalformedException e) {
      throw corrupt(e.getMessage());
    }
    checkOrdered(result);
    return result;
  }

  private static void skipHandle(ByteCursor cursor) throws MalformedException {
    cursor.varint64();
    cursor.varint64();
  }

  /** Reads, verifies and (if needed) decompresses the block at {@code [offset, offset + size)}. */
  private byte[] block(long offset, long size, String kind) throws IOException {
    long end = offset + size + BLOCK_TRAILER_BYTES;
    if (offset < 0 || size < 0 || end < 0 || end > bytes.length - FOOTER_BYTES) {
      throw corrupt(
          kind
              + " block at offset "
              + offset
              + " with "
              + size
              + " bytes runs past the end of the "
              + bytes.length
              + "-byte file (truncated?)");
    }
    int start = (int) offset;
    int length = (int) size;
    int storedCrc = MaskedCrc32c.unmask(ByteCursor.fixed32(bytes, start + length + 1));
    int actualCrc = MaskedCrc32c.crc32c(bytes, start, length + 1);
    if (storedCrc != actualCrc) {
      throw corrupt(
          kind
              + " block at offset "
              + offset
              + ": checksum mismatch (stored "
              + MaskedCrc32c.hex(storedCrc)
              + ", computed "
              + MaskedCrc32c.hex(actualCrc)
              + ")");
    }
    int compression = bytes[start + length] & 0xff;
    return switch (compression) {
      case NO_COMPRESSION -> Arrays.copyOfRange(bytes, start, start + length);
      case SNAPPY_COMPRESSION -> uncompressSnappy(start, length, kind, offset);
      default -> throw corrupt(kind + " block at offset " + offset + ": unknown compression type " + compression);
    };
  }

  private byte[] uncompressSnappy(int start, int length, String kind, long offset) throws IOException {
    try {
      byte[] out = new byte[Snappy.uncompressedLength(bytes, start, length)];
      int written = Snappy.uncompress(bytes, start, length, out, 0);
      if (written != out.length) {
        throw corrupt(kind + " block at offset " + offset + ": Snappy data decompressed to the wrong size");
      }
      return out;
    } catch (CorruptCheckpointException e) {
      throw e;
    } catch (IOException e) {
      throw new CorruptCheckpointException(
          file, null, kind + " block at offset " + offset + ": corrupted Snappy data (" + e.getMessage() + ")", e);
    }
  }

  /** Keys must be strictly increasing bytewise, as the table writer guarantees. */
  private void checkOrdered(List<SsTableBlock.Entry> entries) throws CorruptCheckpointException {
    for (int i = 1; i < entries.size(); i++) {
      if (Arrays.compareUnsigned(entries.get(i - 1).key(), entries.get(i).key()) >= 0) {
        throw corrupt("keys out of order at entry " + i);
      }
    }
  }

  private CorruptCheckpointException corrupt(String problem) {
    return new CorruptCheckpointException(file, null, problem);
  }
}
