package org.rigl.imagenet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shard files of a data directory whose names start with a prefix ({@code train-},
 * {@code validation-}), sorted by name as {@code tf.data.Dataset.list_files(shuffle=False)}.
 */
public final class ShardFiles {
  private ShardFiles() {}

  /** The regular files in {@code directory} named {@code prefix*}, sorted; never empty. */
  public static List<Path> list(Path directory, String prefix) {
    if (!Files.exists(directory)) {
      throw new BadInputException("--data_directory " + directory + " does not exist");
    }
    if (!Files.isDirectory(directory)) {
      throw new BadInputException("--data_directory " + directory + " is not a directory");
    }
    List<Path> all;
    try (Stream<Path> entries = Files.list(directory)) {
      all = entries.sorted().toList();
    } catch (IOException e) {
      throw new BadInputException("--data_directory " + directory + " cannot be listed: " + e.getMessage(), e);
    }
    if (all.isEmpty()) {
      throw new BadInputException("--data_directory " + directory + " is empty");
    }
    List<Path> shards =
        all.stream()
            .filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p))
            .toList();
    if (shards.isEmpty()) {
      throw new BadInputException(
          "no file matches " + directory.resolve(prefix + "*") + " (the directory has " + all.size() + " other entries)");
    }
    return shards;
  }
}
