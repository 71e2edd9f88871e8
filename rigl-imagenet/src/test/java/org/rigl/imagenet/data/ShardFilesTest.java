package org.rigl.imagenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class ShardFilesTest {
  @TempDir Path dir;

  @Test
  void listsMatchingShardsSortedByName() throws IOException {
    for (String name : new String[] {"train-00002-of-00003", "validation-00000-of-00001", "train-00000-of-00003", "train-00001-of-00003"}) {
      Files.write(dir.resolve(name), new byte[0]);
    }
    assertEquals(
        java.util.List.of(dir.resolve("train-00000-of-00003"), dir.resolve("train-00001-of-00003"), dir.resolve("train-00002-of-00003")),
        ShardFiles.list(dir, "train-"));
  }

  @Test
  void aMissingDirectoryIsNamed() {
    Path missing = dir.resolve("nowhere");
    BadInputException e = assertThrows(BadInputException.class, () -> ShardFiles.list(missing, "train-"));
    assertEquals("--data_directory " + missing + " does not exist", e.getMessage());
  }

  @Test
  void aFileInsteadOfADirectoryIsNamed() throws IOException {
    Path file = Files.write(dir.resolve("file"), new byte[0]);
    BadInputException e = assertThrows(BadInputException.class, () -> ShardFiles.list(file, "train-"));
    assertEquals("--data_directory " + file + " is not a directory", e.getMessage());
  }

  @Test
  void anEmptyDirectoryIsNamed() {
    BadInputException e = assertThrows(BadInputException.class, () -> ShardFiles.list(dir, "train-"));
    assertEquals("--data_directory " + dir + " is empty", e.getMessage());
  }

  @Test
  void noMatchingFileNamesThePattern() throws IOException {
    Files.write(dir.resolve("validation-00000-of-00001"), new byte[0]);
    BadInputException e = assertThrows(BadInputException.class, () -> ShardFiles.list(dir, "train-"));
    assertTrue(e.getMessage().startsWith("no file matches " + dir.resolve("train-*")), e.getMessage());
  }
}
