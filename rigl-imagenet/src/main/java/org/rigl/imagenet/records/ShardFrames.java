package org.rigl.imagenet.records;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.rigl.core.io.MaskedCrc32c;
import org.rigl.imagenet.data.BadInputException;

/**
 * Checks the record frames of TFRecord shards before TensorFlow's native reader sees them: that
 * reader takes a file ending inside a record for a clean end of file (the rest of the shard silently
 * lost) and a length field with a valid checksum claiming more bytes than the file holds can crash
 * the JVM. Only the 12-byte headers are read, skipping over the record data, so the check costs one
 * small read per record. A damaged length checksum ends the walk through that file: TensorFlow's
 * reader reports it itself, as a corrupt record.
 */
public final class ShardFrames {
  private static final int HEADER_BYTES = 12;
  private static final int FOOTER_BYTES = 4;

  private ShardFrames() {}

  /**
   * @throws BadInputException naming the file, record and byte offset of the first record that does
   *     not fit in its file, or if the files hold no record at all (TensorFlow would only say "End of
   *     sequence")
   */
  public static void check(List<Path> files) {
    long records = 0;
    for (Path file : files) {
      try {
        records += check(file);
      } catch (IOException e) {
        throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    if (records == 0 && !files.isEmpty()) {
      throw new BadInputException(
          files.size() == 1 ? files.get(0) + " holds no records" : "the " + files.size() + " files " + files.get(0)
              + " ... " + files.get(files.size() - 1).getFileName() + " hold no records");
    }
  }

  /** The number of frames walked (up to a damaged length checksum, which TensorFlow reports). */
  private static long check(Path file) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long offset = 0;
      long record = 0;
      for (; offset < size; record++) {
        header.clear();
        while (header.hasRemaining() && channel.read(header, offset + header.position()) > 0) {
          // Positional reads until the header is full or the file ends.
        }
        if (header.hasRemaining()) {
          throw bad(file, record, offset,
              "file ends inside the record header (" + header.position() + " of " + HEADER_BYTES + " bytes)");
        }
        long length = header.getLong(0);
        if (header.getInt(8) != MaskedCrc32c.masked(header.array(), 0, 8)) {
          return record + 1;
        }
        long left = size - offset - HEADER_BYTES - FOOTER_BYTES;
        if (length < 0 || length > left) {
          throw bad(file, record, offset, "file ends inside the record: its length field says "
              + Long.toUnsignedString(length) + " bytes, " + Math.max(left, 0) + " are left");
        }
        offset += HEADER_BYTES + length + FOOTER_BYTES;
      }
      return record;
    }
  }

  private static BadInputException bad(Path file, long record, long offset, String problem) {
    return new BadInputException(
        new RecordProblem(file, record, "corrupt record at byte offset " + offset + " (" + problem + ")", true).message());
  }
}
