package org.rigl.imagenet.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rigl.core.io.Examples;
import org.rigl.core.io.TfRecordReader;
import org.tensorflow.proto.Example;

/** Reads a converter's output back: file names and the examples of files in name order. */
final class OutputFiles {
  private OutputFiles() {}

  /** Every entry of {@code dir}, hidden ones included, sorted. */
  static List<String> names(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The examples of every file whose name starts with {@code prefix}, file by file in name order. */
  static List<Example> examples(Path dir, String prefix) throws IOException {
    List<Example> examples = new ArrayList<>();
    for (String name : names(dir)) {
      if (name.startsWith(prefix)) {
        examples.addAll(examples(dir.resolve(name)));
      }
    }
    return examples;
  }

  static List<Example> examples(Path file) throws IOException {
    List<Example> examples = new ArrayList<>();
    try (TfRecordReader reader = TfRecordReader.open(file)) {
      for (byte[] record : reader) {
        examples.add(Examples.parse(record));
      }
    }
    return examples;
  }
}
