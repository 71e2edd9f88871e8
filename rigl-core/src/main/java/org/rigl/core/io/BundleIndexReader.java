package org.rigl.core.io;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VersionDef;

/**
 * Reads the {@code PREFIX.index} file of a TensorFlow tensor-bundle (V2) checkpoint without the
 * native runtime: an SSTable whose empty key holds a {@code BundleHeaderProto} and whose other keys
 * are tensor names mapping to {@code BundleEntryProto}s.
 *
 * <p>Hand-written because no well-kept Java library reads TensorFlow's bundle index; behaviour
 * follows {@code tensor_bundle.cc}: version check as {@code CheckVersions} (this reader is format
 * version 1), shapes must be fully known and non-negative. Keys starting with a zero byte are the
 * stored slices of partitioned variables; they are left out of the entry list (the partitioned
 * variable's own entry is kept, with {@link TensorEntry#sliceCount()} &gt; 0).
 */
public final class BundleIndexReader {
  /** The bundle format version this reader implements ({@code kTensorBundleVersion}). */
  static final int FORMAT_VERSION = 1;

  private BundleIndexReader() {}

  /**
   * Reads {@code prefix.index}, or the given file if its name already ends in {@code .index}.
   *
   * @throws java.nio.file.NoSuchFileException if the index file does not exist
   * @throws CorruptCheckpointException if it is truncated, damaged or not a checkpoint index
   */
  public static CheckpointIndex read(Path prefixOrIndexFile) throws IOException {
    Path indexFile = CheckpointIndex.indexFileFor(prefixOrIndexFile).toAbsolutePath().normalize();
    List<SsTableBlock.Entry> table = SsTable.readAll(indexFile);
    if (table.isEmpty() || table.get(0).key().length != 0) {
      throw new CorruptCheckpointException(indexFile, null, "no header entry (empty key)");
    }
    BundleHeaderProto header = parseHeader(indexFile, table.get(0).value());
    List<TensorEntry> entries = new ArrayList<>(table.size() - 1);
    for (SsTableBlock.Entry row : table.subList(1, table.size())) {
      if (row.key()[0] == 0) {
        continue; // An encoded slice key of a partitioned variable.
      }
      String name = new String(row.key(), StandardCharsets.UTF_8);
      entries.add(toTensorEntry(indexFile, header, name, row.value()));
    }
    return new CheckpointIndex(indexFile, header, entries);
  }

  private static BundleHeaderProto parseHeader(Path indexFile, byte[] value) throws IOException {
    BundleHeaderProto header;
    try {
      header = BundleHeaderProto.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptCheckpointException(indexFile, null, "unable to parse header: " + e.getMessage(), e);
    }
    if (header.getEndianness() == BundleHeaderProto.Endianness.UNRECOGNIZED) {
      throw new CorruptCheckpointException(
          indexFile, null, "unknown endianness " + header.getEndiannessValue() + " in header");
    }
    if (header.getNumShards() < 1) {
      throw new CorruptCheckpointException(indexFile, null, "header has " + header.getNumShards() + " shards");
    }
    checkVersion(indexFile, header.getVersion());
    return header;
  }

  private static void checkVersion(Path indexFile, VersionDef version) throws IOException {
    if (version.getMinConsumer() > FORMAT_VERSION) {
      throw new IOException(
          "Checkpoint "
              + indexFile
              + " needs a reader of bundle format version >= "
              + version.getMinConsumer()
              + "; this one is version "
              + FORMAT_VERSION);
    }
    if (version.getBadConsumersList().contains(FORMAT_VERSION)) {
      throw new IOException(
          "Checkpoint " + indexFile + " disallows readers of bundle format version " + FORMAT_VERSION);
    }
  }

  private static TensorEntry toTensorEntry(
      Path indexFile, BundleHeaderProto header, String name, byte[] value) throws IOException {
    BundleEntryProto proto;
    try {
      proto = BundleEntryProto.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptCheckpointException(indexFile, name, "entry not parseable: " + e.getMessage(), e);
    }
    long[] shape = shape(indexFile, name, proto.getShape());
    if (proto.getSlicesCount() == 0 && proto.getShardId() >= header.getNumShards()) {
      throw new CorruptCheckpointException(
          indexFile, name, "shard " + proto.getShardId() + " of only " + header.getNumShards());
    }
    if (proto.getOffset() < 0 || proto.getSize() < 0) {
      throw new CorruptCheckpointException(
          indexFile, name, "negative offset " + proto.getOffset() + " or size " + proto.getSize());
    }
    return new TensorEntry(
        name,
        proto.getDtype(),
        shape,
        proto.getShardId(),
        proto.getOffset(),
        proto.getSize(),
        proto.getCrc32C(),
        proto.getSlicesCount());
  }

  private static long[] shape(Path indexFile, String name, TensorShapeProto proto)
      throws CorruptCheckpointException {
    if (proto.getUnknownRank()) {
      throw new CorruptCheckpointException(indexFile, name, "invalid tensor shape: unknown rank");
    }
    long[] shape = new long[proto.getDimCount()];
    long elements = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = proto.getDim(i).getSize();
      if (shape[i] < 0) {
        throw new CorruptCheckpointException(indexFile, name, "invalid tensor shape: dimension " + i + " is " + shape[i]);
      }
      try {
        elements = Math.multiplyExact(elements, shape[i]);
      } catch (ArithmeticException e) {
        throw new CorruptCheckpointException(indexFile, name, "invalid tensor shape: too many elements", e);
      }
    }
    return shape;
  }
}
