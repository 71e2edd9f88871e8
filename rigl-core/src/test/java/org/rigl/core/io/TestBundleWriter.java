package org.rigl.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VersionDef;
import org.xerial.snappy.Snappy;

/**
 * Test-only writer of small tensor-bundle checkpoints in TensorFlow's format, so tests can cover
 * cases the Python fixtures lack (string arrays, big-endian, partitioned entries, broken headers).
 * Written independently of the reader from the format description: one data block with
 * prefix-compressed keys and a restart point every {@code restartInterval} entries.
 */
final class TestBundleWriter {
  private final ByteOrder order;
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private final List<byte[][]> rows = new ArrayList<>();
  private BundleHeaderProto header;
  private boolean snappy;
  private int restartInterval = 16;

  TestBundleWriter(ByteOrder order) {
    this.order = order;
    this.header =
        BundleHeaderProto.newBuilder()
            .setNumShards(1)
            .setEndianness(order == ByteOrder.BIG_ENDIAN ? BundleHeaderProto.Endianness.BIG : BundleHeaderProto.Endianness.LITTLE)
            .setVersion(VersionDef.newBuilder().setProducer(1))
            .build();
  }

  TestBundleWriter header(BundleHeaderProto replacement) {
    this.header = replacement;
    return this;
  }

  TestBundleWriter snappy(boolean compress) {
    this.snappy = compress;
    return this;
  }

  TestBundleWriter restartInterval(int interval) {
    this.restartInterval = interval;
    return this;
  }

  TestBundleWriter floats(String name, long[] shape, float... values) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(order);
    bytes.asFloatBuffer().put(values);
    return raw(name, DataType.DT_FLOAT, shape, bytes.array());
  }

  TestBundleWriter doubles(String name, long[] shape, double... values) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(order);
    bytes.asDoubleBuffer().put(values);
    return raw(name, DataType.DT_DOUBLE, shape, bytes.array());
  }

  TestBundleWriter ints(String name, long[] shape, int... values) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(order);
    bytes.asIntBuffer().put(values);
    return raw(name, DataType.DT_INT32, shape, bytes.array());
  }

  TestBundleWriter longs(String name, long[] shape, long... values) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(order);
    bytes.asLongBuffer().put(values);
    return raw(name, DataType.DT_INT64, shape, bytes.array());
  }

  TestBundleWriter booleans(String name, long[] shape, boolean... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) (values[i] ? 1 : 0);
    }
    return raw(name, DataType.DT_BOOL, shape, bytes);
  }

  /** Fixed-size tensor bytes with the checksum TensorFlow computes: masked CRC32C of the bytes. */
  TestBundleWriter raw(String name, DataType dtype, long[] shape, byte[] bytes) {
    return entry(name, dtype, shape, bytes, MaskedCrc32c.masked(bytes));
  }

  /** A DT_STRING tensor: varint lengths, masked CRC of the lengths (as uint32), then the bytes. */
  TestBundleWriter strings(String name, long[] shape, byte[]... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CRC32C crc = new CRC32C();
    for (byte[] value : values) {
      writeVarint(out, value.length);
      crc.update(ByteBuffer.allocate(4).order(order).putInt(value.length).array());
    }
    byte[] lengthChecksum =
        ByteBuffer.allocate(4).order(order).putInt(MaskedCrc32c.mask((int) crc.getValue())).array();
    out.writeBytes(lengthChecksum);
    crc.update(lengthChecksum);
    for (byte[] value : values) {
      out.writeBytes(value);
      crc.update(value);
    }
    return entry(name, DataType.DT_STRING, shape, out.toByteArray(), MaskedCrc32c.mask((int) crc.getValue()));
  }

  TestBundleWriter entry(String name, DataType dtype, long[] shape, byte[] bytes, int maskedCrc) {
    BundleEntryProto proto =
        BundleEntryProto.newBuilder()
            .setDtype(dtype)
            .setShape(shape(shape))
            .setShardId(0)
            .setOffset(data.size())
            .setSize(bytes.length)
            .setCrc32C(maskedCrc)
            .build();
    data.writeBytes(bytes);
    return row(name.getBytes(StandardCharsets.UTF_8), proto.toByteArray());
  }

  /** An arbitrary table row; rows are written in the order added (tests may add them unsorted). */
  TestBundleWriter row(byte[] key, byte[] value) {
    rows.add(new byte[][] {key, value});
    return this;
  }

  static TensorShapeProto shape(long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long dim : dims) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
    }
    return shape.build();
  }

  /** Writes {@code prefix.index} (header row first, then rows sorted unless told otherwise) and data. */
  Path write(Path prefix, boolean sortRows) throws IOException {
    List<byte[][]> table = new ArrayList<>();
    if (header != null) {
      table.add(new byte[][] {new byte[0], header.toByteArray()});
    }
    List<byte[][]> body = new ArrayList<>(rows);
    if (sortRows) {
      body.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
    }
    table.addAll(body);

    ByteArrayOutputStream file = new ByteArrayOutputStream();
    byte[] lastKey = table.isEmpty() ? new byte[0] : table.get(table.size() - 1)[0];
    long[] dataHandle = writeBlock(file, encodeBlock(table), snappy);
    long[] metaHandle = writeBlock(file, encodeBlock(List.of()), false);
    ByteArrayOutputStream handle = new ByteArrayOutputStream();
    writeVarint(handle, dataHandle[0]);
    writeVarint(handle, dataHandle[1]);
    List<byte[][]> indexRows = new ArrayList<>();
    indexRows.add(new byte[][] {lastKey, handle.toByteArray()});
    long[] indexHandle = writeBlock(file, encodeBlock(indexRows), false);

    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    writeVarint(footer, metaHandle[0]);
    writeVarint(footer, metaHandle[1]);
    writeVarint(footer, indexHandle[0]);
    writeVarint(footer, indexHandle[1]);
    byte[] padded = Arrays.copyOf(footer.toByteArray(), 40);
    file.writeBytes(padded);
    file.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(SsTable.MAGIC).array());

    Path index = prefix.resolveSibling(prefix.getFileName() + ".index");
    Files.write(index, file.toByteArray());
    Files.write(CheckpointIndex.dataFile(prefix, 0, header == null ? 1 : Math.max(1, header.getNumShards())), data.toByteArray());
    return index;
  }

  Path write(Path prefix) throws IOException {
    return write(prefix, true);
  }

  private byte[] encodeBlock(List<byte[][]> table) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    List<Integer> restarts = new ArrayList<>();
    byte[] previous = new byte[0];
    for (int i = 0; i < table.size(); i++) {
      byte[] key = table.get(i)[0];
      byte[] value = table.get(i)[1];
      int shared = 0;
      if (i % restartInterval == 0) {
        restarts.add(block.size());
      } else {
        while (shared < Math.min(previous.length, key.length) && previous[shared] == key[shared]) {
          shared++;
        }
      }
      writeVarint(block, shared);
      writeVarint(block, key.length - shared);
      writeVarint(block, value.length);
      block.write(key, shared, key.length - shared);
      block.writeBytes(value);
      previous = key;
    }
    if (restarts.isEmpty()) {
      restarts.add(0);
    }
    ByteBuffer tail = ByteBuffer.allocate(4 * restarts.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
    restarts.forEach(tail::putInt);
    tail.putInt(restarts.size());
    block.writeBytes(tail.array());
    return block.toByteArray();
  }

  private static long[] writeBlock(ByteArrayOutputStream file, byte[] block, boolean compress)
      throws IOException {
    byte[] contents = compress ? Snappy.compress(block) : block;
    long offset = file.size();
    file.writeBytes(contents);
    byte[] typed = Arrays.copyOf(contents, contents.length + 1);
    typed[contents.length] = (byte) (compress ? 1 : 0);
    file.write(typed[contents.length]);
    file.writeBytes(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(MaskedCrc32c.masked(typed)).array());
    return new long[] {offset, contents.length};
  }

  static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
