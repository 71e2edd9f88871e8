package org.rigl.imagenet.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.rigl.core.io.Examples;
import org.rigl.core.io.TfRecordCompression;
import org.rigl.core.io.TfRecordReader;
import org.rigl.imagenet.TestData;

/** The fixture's labels read in Java, to compare with what the pipeline yields. */
final class FixtureLabels {
  private FixtureLabels() {}

  static int[] countsPerLabel() {
    int[] counts = new int[10];
    for (Path shard : shards()) {
      for (byte[] record : readAll(shard)) {
        counts[(int) Examples.int64(Examples.parse(record), "image/class/label")]++;
      }
    }
    return counts;
  }

  static List<Path> shards() {
    try (Stream<Path> files = Files.list(TestData.fakeImageNet())) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<byte[]> readAll(Path shard) {
    try {
      return TfRecordReader.readAll(shard, TfRecordCompression.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
