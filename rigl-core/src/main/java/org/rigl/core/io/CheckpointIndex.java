package org.rigl.core.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.proto.BundleHeaderProto;

/**
 * The decoded {@code PREFIX.index} of a tensor-bundle checkpoint: its header and every tensor entry
 * in the file's (bytewise name) order. Read one with {@link BundleIndexReader#read(Path)}.
 */
public final class CheckpointIndex {
  private static final String INDEX_SUFFIX = ".index";

  private final Path indexFile;
  private final BundleHeaderProto header;
  private final List<TensorEntry> entries;
  private final Map<String, TensorEntry> byName = new LinkedHashMap<>();

  CheckpointIndex(Path indexFile, BundleHeaderProto header, List<TensorEntry> entries) {
    this.indexFile = indexFile;
    this.header = header;
    this.entries = List.copyOf(entries);
    for (TensorEntry entry : this.entries) {
      byName.put(entry.name(), entry);
    }
  }

  public Path indexFile() {
    return indexFile;
  }

  /** The checkpoint prefix, i.e. the index file's path without {@code .index}. */
  public Path prefix() {
    String name = indexFile.getFileName().toString();
    return indexFile.resolveSibling(name.substring(0, name.length() - INDEX_SUFFIX.length()));
  }

  public BundleHeaderProto header() {
    return header;
  }

  public int numShards() {
    return header.getNumShards();
  }

  /** Tensors ordered by name as stored (bytewise). */
  public List<TensorEntry> entries() {
    return entries;
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  public Optional<TensorEntry> find(String tensorName) {
    return Optional.ofNullable(byName.get(tensorName));
  }

  /** The entry for {@code tensorName}; fails naming the index file if there is none. */
  public TensorEntry entry(String tensorName) {
    TensorEntry entry = byName.get(tensorName);
    if (entry == null) {
      throw new IllegalArgumentException(
          "Checkpoint " + indexFile + " has no tensor '" + tensorName + "' (" + entries.size() + " tensors)");
    }
    return entry;
  }

  /** {@code PREFIX.data-00000-of-00001}-style path of data shard {@code shard}. */
  public Path dataFile(int shard) {
    return dataFile(prefix(), shard, numShards());
  }

  static Path dataFile(Path prefix, int shard, int numShards) {
    return prefix.resolveSibling(
        prefix.getFileName() + String.format(".data-%05d-of-%05d", shard, numShards));
  }

  static Path indexFileFor(Path prefixOrIndexFile) {
    String name = prefixOrIndexFile.getFileName().toString();
    return name.endsWith(INDEX_SUFFIX)
        ? prefixOrIndexFile
        : prefixOrIndexFile.resolveSibling(name + INDEX_SUFFIX);
  }
}
