package org.rigl.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.rigl.core.io.ByteCursor.MalformedException;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;

/**
 * Reads tensor values from the {@code PREFIX.data-NNNNN-of-MMMMM} shards of a tensor-bundle
 * checkpoint, verifying each tensor's checksum as TensorFlow's {@code BundleReader::GetValue} does.
 *
 * <p>Hand-written because no well-kept Java library reads TensorFlow checkpoints without the native
 * runtime. The index stores the <em>masked</em> CRC32C of each tensor. For fixed-size dtypes it
 * covers the raw bytes as they lie in the file. A {@code DT_STRING} tensor is stored as {@code
 * varint64 length} per element, a 4-byte masked CRC32C of the lengths, then the element bytes; its
 * checksum covers each length as a fixed uint32 (uint64 above 4 GiB) rather than as the varint, then
 * the 4 stored length-checksum bytes, then the element bytes. Partitioned variables and {@code
 * DT_VARIANT} tensors are not supported. Values are decoded in the header's byte order.
 */
public final class BundleDataReader implements Closeable {
  private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  private final CheckpointIndex index;
  private final ByteOrder order;
  private final FileChannel[] shards;

  private BundleDataReader(CheckpointIndex index) {
    this.index = index;
    this.order =
        index.header().getEndianness() == BundleHeaderProto.Endianness.BIG
            ? ByteOrder.BIG_ENDIAN
            : ByteOrder.LITTLE_ENDIAN;
    this.shards = new FileChannel[index.numShards()];
  }

  /** Reads the index of {@code prefixOrIndexFile} (see {@link BundleIndexReader#read}). */
  public static BundleDataReader open(Path prefixOrIndexFile) throws IOException {
    return new BundleDataReader(BundleIndexReader.read(prefixOrIndexFile));
  }

  public static BundleDataReader open(CheckpointIndex index) {
    return new BundleDataReader(index);
  }

  public CheckpointIndex index() {
    return index;
  }

  /**
   * Verifies one tensor's checksum (and, for strings, their encoding) without decoding its values;
   * returns false for tensors this reader cannot check (partitioned, or of a dtype whose checksum it
   * does not know, such as {@code DT_VARIANT}).
   *
   * @throws CorruptCheckpointException naming the data file and the tensor if the bytes are damaged
   */
  public boolean verify(String name) throws IOException {
    TensorEntry entry = index.entry(name);
    if (entry.isPartitioned()) {
      return false;
    }
    if (entry.dtype() == DataType.DT_STRING) {
      decodeStrings(entry, readStored(entry));
      return true;
    }
    if (DataTypeSizes.bytesPerElement(entry.dtype()) == 0) {
      return false;
    }
    readVerified(entry);
    return true;
  }

  /** The tensor's bytes exactly as stored, after verifying their checksum. */
  public byte[] readBytes(String name) throws IOException {
    TensorEntry entry = entry(name);
    if (entry.dtype() == DataType.DT_STRING) {
      byte[] stored = readStored(entry);
      decodeStrings(entry, stored);
      return stored;
    }
    requireFixedSize(entry);
    return readVerified(entry);
  }

  public float[] readFloats(String name) throws IOException {
    ByteBuffer bytes = readTyped(name, DataType.DT_FLOAT);
    float[] values = new float[bytes.remaining() / Float.BYTES];
    bytes.asFloatBuffer().get(values);
    return values;
  }

  public double[] readDoubles(String name) throws IOException {
    ByteBuffer bytes = readTyped(name, DataType.DT_DOUBLE);
    double[] values = new double[bytes.remaining() / Double.BYTES];
    bytes.asDoubleBuffer().get(values);
    return values;
  }

  public int[] readInts(String name) throws IOException {
    ByteBuffer bytes = readTyped(name, DataType.DT_INT32);
    int[] values = new int[bytes.remaining() / Integer.BYTES];
    bytes.asIntBuffer().get(values);
    return values;
  }

  public long[] readLongs(String name) throws IOException {
    ByteBuffer bytes = readTyped(name, DataType.DT_INT64);
    long[] values = new long[bytes.remaining() / Long.BYTES];
    bytes.asLongBuffer().get(values);
    return values;
  }

  public boolean[] readBooleans(String name) throws IOException {
    ByteBuffer bytes = readTyped(name, DataType.DT_BOOL);
    boolean[] values = new boolean[bytes.remaining()];
    for (int i = 0; i < values.length; i++) {
      values[i] = bytes.get(i) != 0;
    }
    return values;
  }

  /** The elements of a {@code DT_STRING} tensor, in row-major order. */
  public byte[][] readStrings(String name) throws IOException {
    TensorEntry entry = entry(name);
    requireDtype(entry, DataType.DT_STRING);
    return decodeStrings(entry, readStored(entry));
  }

  /** The single value of a scalar (or one-element) {@code DT_FLOAT} tensor. */
  public float readFloat(String name) throws IOException {
    requireSingleElement(name);
    return readFloats(name)[0];
  }

  public double readDouble(String name) throws IOException {
    requireSingleElement(name);
    return readDoubles(name)[0];
  }

  public int readInt(String name) throws IOException {
    requireSingleElement(name);
    return readInts(name)[0];
  }

  public long readLong(String name) throws IOException {
    requireSingleElement(name);
    return readLongs(name)[0];
  }

  public boolean readBoolean(String name) throws IOException {
    requireSingleElement(name);
    return readBooleans(name)[0];
  }

  public byte[] readString(String name) throws IOException {
    requireSingleElement(name);
    return readStrings(name)[0];
  }

  @Override
  public synchronized void close() throws IOException {
    IOException first = null;
    for (int i = 0; i < shards.length; i++) {
      if (shards[i] != null) {
        try {
          shards[i].close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
        shards[i] = null;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private ByteBuffer readTyped(String name, DataType dtype) throws IOException {
    TensorEntry entry = entry(name);
    requireDtype(entry, dtype);
    return ByteBuffer.wrap(readVerified(entry)).order(order);
  }

  private TensorEntry entry(String name) {
    TensorEntry entry = index.entry(name);
    if (entry.isPartitioned()) {
      throw new IllegalArgumentException(
          "Tensor '" + name + "' in " + index.indexFile() + " is partitioned into "
              + entry.sliceCount() + " slices; reading partitioned tensors is not supported");
    }
    return entry;
  }

  private void requireDtype(TensorEntry entry, DataType dtype) {
    if (entry.dtype() != dtype) {
      throw new IllegalArgumentException(
          "Tensor '" + entry.name() + "' in " + index.indexFile() + " is " + entry.dtype() + ", not " + dtype);
    }
  }

  private void requireFixedSize(TensorEntry entry) {
    if (DataTypeSizes.bytesPerElement(entry.dtype()) == 0) {
      throw new IllegalArgumentException(
          "Tensor '" + entry.name() + "' in " + index.indexFile() + " is " + entry.dtype()
              + ", which this reader cannot decode");
    }
  }

  private void requireSingleElement(String name) {
    TensorEntry entry = entry(name);
    if (entry.numElements() != 1) {
      throw new IllegalArgumentException(
          "Tensor '" + name + "' in " + index.indexFile() + " has shape " + entry.shapeString()
              + " (" + entry.numElements() + " elements), not a single value");
    }
  }

  /** Raw bytes of a fixed-size tensor whose size matches its shape and whose checksum matches. */
  private byte[] readVerified(TensorEntry entry) throws IOException {
    long expectedSize = entry.numElements() * DataTypeSizes.bytesPerElement(entry.dtype());
    if (entry.size() != expectedSize) {
      throw new CorruptCheckpointException(
          index.indexFile(), entry.name(),
          "stored size " + entry.size() + " bytes but " + entry.dtype() + " " + entry.shapeString()
              + " needs " + expectedSize);
    }
    byte[] bytes = readStored(entry);
    verifyChecksum(entry, MaskedCrc32c.crc32c(bytes));
    return bytes;
  }

  private byte[] readStored(TensorEntry entry) throws IOException {
    if (entry.size() > MAX_ARRAY_BYTES) {
      throw new IllegalArgumentException(
          "Tensor '" + entry.name() + "' (" + entry.size() + " bytes) is too large for a Java array");
    }
    Path file = index.dataFile(entry.shard());
    FileChannel channel = channel(entry);
    byte[] bytes = new byte[(int) entry.size()];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long position = entry.offset();
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position);
      if (read < 0) {
        throw new CorruptCheckpointException(
            file, entry.name(),
            "truncated: tensor needs bytes [" + entry.offset() + ", " + (entry.offset() + entry.size())
                + ") but the file has " + channel.size());
      }
      position += read;
    }
    return bytes;
  }

  private synchronized FileChannel channel(TensorEntry entry) throws IOException {
    int shard = entry.shard();
    if (shards[shard] == null) {
      Path file = index.dataFile(shard);
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(
            file.toString(), null, "checkpoint data shard missing (needed for tensor '" + entry.name() + "')");
      }
      shards[shard] = FileChannel.open(file, StandardOpenOption.READ);
    }
    return shards[shard];
  }

  private void verifyChecksum(TensorEntry entry, int actualCrc) throws CorruptCheckpointException {
    int storedCrc = MaskedCrc32c.unmask(entry.maskedCrc32c());
    if (storedCrc != actualCrc) {
      throw new CorruptCheckpointException(
          index.dataFile(entry.shard()), entry.name(),
          "checksum mismatch over " + entry.size() + " bytes at offset " + entry.offset()
              + " (stored " + MaskedCrc32c.hex(storedCrc) + ", computed " + MaskedCrc32c.hex(actualCrc) + ")");
    }
  }

  private byte[][] decodeStrings(TensorEntry entry, byte[] stored) throws IOException {
    long count = entry.numElements();
    if (count > stored.length && stored.length > 0) {
      // Every element needs at least its one-byte length.
      throw corruptData(entry, count + " strings cannot fit in " + stored.length + " bytes");
    }
    byte[][] strings = new byte[(int) Math.min(count, stored.length)][];
    CRC32C crc = new CRC32C();
    if (stored.length == 0) {
      // TensorFlow writes nothing for an empty tensor; its checksum is that of no bytes.
      verifyChecksum(entry, 0);
      return count == 0 ? strings : emptyStrings(entry, count);
    }
    ByteCursor cursor = new ByteCursor(stored, 0, stored.length);
    long[] lengths = new long[strings.length];
    ByteBuffer lengthBytes = ByteBuffer.allocate(Long.BYTES).order(order);
    try {
      for (int i = 0; i < lengths.length; i++) {
        lengths[i] = cursor.varint64();
        lengthBytes.clear();
        if (lengths[i] >= 0 && lengths[i] <= 0xffffffffL) {
          lengthBytes.putInt((int) lengths[i]);
        } else {
          lengthBytes.putLong(lengths[i]);
        }
        crc.update(lengthBytes.array(), 0, lengthBytes.position());
      }
      int checksumAt = cursor.skip(Integer.BYTES);
      int storedLengthCrc = ByteBuffer.wrap(stored, checksumAt, Integer.BYTES).order(order).getInt();
      int actualLengthCrc = (int) crc.getValue();
      if (MaskedCrc32c.unmask(storedLengthCrc) != actualLengthCrc) {
        throw corruptData(
            entry,
            "string length checksum mismatch (stored " + MaskedCrc32c.hex(MaskedCrc32c.unmask(storedLengthCrc))
                + ", computed " + MaskedCrc32c.hex(actualLengthCrc) + ")");
      }
      crc.update(stored, checksumAt, Integer.BYTES);
      for (int i = 0; i < lengths.length; i++) {
        int start = cursor.skip(lengths[i]);
        strings[i] = Arrays.copyOfRange(stored, start, start + (int) lengths[i]);
        crc.update(strings[i]);
      }
    } catch (MalformedException e) {
      throw corruptData(entry, "bad string tensor encoding: " + e.getMessage());
    }
    verifyChecksum(entry, (int) crc.getValue());
    return strings;
  }

  private byte[][] emptyStrings(TensorEntry entry, long count) {
    if (count > MAX_ARRAY_BYTES) {
      throw new IllegalArgumentException("Tensor '" + entry.name() + "' has too many elements for a Java array");
    }
    byte[][] strings = new byte[(int) count][];
    Arrays.fill(strings, new byte[0]);
    return strings;
  }

  private CorruptCheckpointException corruptData(TensorEntry entry, String problem) {
    return new CorruptCheckpointException(index.dataFile(entry.shard()), entry.name(), problem);
  }
}
