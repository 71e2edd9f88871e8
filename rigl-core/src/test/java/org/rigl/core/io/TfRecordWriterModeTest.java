package org.rigl.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A written TFRecord gets the mode any new file gets (the umask's), not a temp file's owner-only one. */
@Tag("fast")
class TfRecordWriterModeTest {
  @TempDir Path dir;

  @Test
  void recordFileHasTheDefaultMode() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(dir.resolve("plain"));
    Path records = dir.resolve("records.tfrecord");
    try (TfRecordWriter writer = TfRecordWriter.create(records)) {
      writer.write(new byte[] {1, 2, 3});
    }
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(records));
  }
}
