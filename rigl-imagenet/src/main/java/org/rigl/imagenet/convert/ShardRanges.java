package org.rigl.imagenet.convert;

/**
 * Splits {@code count} records into {@code shards} consecutive, near-equal runs, as
 * {@code build_imagenet_data.py}'s {@code np.linspace} boundaries do (shard sizes differ by at most
 * one), and names the shards as the reference does: {@code train-00000-of-01024}.
 */
final class ShardRanges {
  private ShardRanges() {}

  /** The first record of {@code shard}; {@code start(shards, ...)} is {@code count}. */
  static int start(int shard, int count, int shards) {
    return (int) ((long) shard * count / shards);
  }

  static String name(String prefix, int shard, int shards) {
    return String.format("%s-%05d-of-%05d", prefix, shard, shards);
  }
}
