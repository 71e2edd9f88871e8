package org.rigl.core.io;

import java.util.Arrays;
import org.tensorflow.proto.DataType;

/**
 * One tensor of a checkpoint, as its {@code BundleEntryProto} in the {@code .index} file describes
 * it: where its bytes lie in which data shard, and the masked CRC32C TensorFlow stored for them.
 *
 * @param name tensor name (the table key), e.g. {@code dnn/hiddenlayer_0/kernel}
 * @param dtype element type
 * @param shape dimension sizes; empty for a scalar
 * @param shard index of the {@code .data-NNNNN-of-MMMMM} file holding the bytes
 * @param offset byte offset in that shard
 * @param size byte length in that shard
 * @param maskedCrc32c checksum exactly as stored (masked; see {@link MaskedCrc32c#unmask})
 * @param sliceCount number of slices of a partitioned variable (0 for an ordinary tensor); such an
 *     entry has no bytes of its own
 */
public record TensorEntry(
    String name,
    DataType dtype,
    long[] shape,
    int shard,
    long offset,
    long size,
    int maskedCrc32c,
    int sliceCount) {

  public TensorEntry {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** Product of the dimensions (1 for a scalar). */
  public long numElements() {
    long count = 1;
    for (long dimension : shape) {
      count = Math.multiplyExact(count, dimension);
    }
    return count;
  }

  public boolean isPartitioned() {
    return sliceCount > 0;
  }

  /** E.g. {@code [3, 100]}; {@code []} for a scalar. */
  public String shapeString() {
    return Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TensorEntry that
        && name.equals(that.name)
        && dtype == that.dtype
        && Arrays.equals(shape, that.shape)
        && shard == that.shard
        && offset == that.offset
        && size == that.size
        && maskedCrc32c == that.maskedCrc32c
        && sliceCount == that.sliceCount;
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + " " + shapeString();
  }
}
