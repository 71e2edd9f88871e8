package org.rigl.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class StagedOutputDirectoryTest {
  @TempDir Path dir;

  @Test
  void filesAppearOnlyOnCommit() throws IOException {
    Path out = dir.resolve("out");
    try (StagedOutputDirectory staged = StagedOutputDirectory.in(out)) {
      Files.writeString(staged.file("a"), "1");
      Files.writeString(staged.file("b"), "2");
      assertEquals(List.of(), visibleFiles(out));
      staged.commit();
    }
    assertEquals(List.of("a", "b"), visibleFiles(out));
    assertEquals(List.of("a", "b"), allFiles(out), "no staging folder left");
  }

  @Test
  void closingWithoutCommitLeavesNothingAndKeepsOldFiles() throws IOException {
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/a"), "old");
    try (StagedOutputDirectory staged = StagedOutputDirectory.in(dir.resolve("out"))) {
      Files.writeString(staged.file("a"), "new");
      try (TfRecordWriter writer = TfRecordWriter.create(staged.file("b"))) {
        writer.write(new byte[] {1});
      }
    }
    assertEquals(List.of("a"), allFiles(dir.resolve("out")));
    assertEquals("old", Files.readString(dir.resolve("out/a")));
  }

  @Test
  void rejectsAFileAsDirectoryAndPathsAsNames() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThrows(IllegalArgumentException.class, () -> StagedOutputDirectory.in(file));
    try (StagedOutputDirectory staged = StagedOutputDirectory.in(dir.resolve("out"))) {
      assertThrows(IllegalArgumentException.class, () -> staged.file("../escape"));
      assertFalse(Files.exists(dir.resolve("escape")));
      assertTrue(Files.isDirectory(staged.directory()));
    }
  }

  private static List<String> visibleFiles(Path out) throws IOException {
    return allFiles(out).stream().filter(name -> !name.startsWith(".")).toList();
  }

  private static List<String> allFiles(Path out) throws IOException {
    try (Stream<Path> listing = Files.list(out)) {
      return listing.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
