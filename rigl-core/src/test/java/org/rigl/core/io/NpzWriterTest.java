package org.rigl.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npz layout np.load expects, checked byte by byte (the tests do not need Python). */
@Tag("fast")
class NpzWriterTest {
  @TempDir Path dir;

  @Test
  void writesStoredNpyEntriesWithAlignedHeaders() throws IOException {
    Path file = dir.resolve("records.npz");
    boolean[] matrix = {true, false, false, true, true, false};
    try (NpzWriter npz = NpzWriter.create(file)) {
      npz.putBooleans("0/layer1/mask", new long[] {2, 3}, matrix);
      npz.putBooleans("5/layer1/mask", new long[] {6}, new boolean[6]);
      npz.commit();
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      assertEquals(List.of("0/layer1/mask.npy", "5/layer1/mask.npy"),
          Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList());
      ZipEntry first = zip.getEntry("0/layer1/mask.npy");
      assertEquals(ZipEntry.STORED, first.getMethod(), "np.savez writes uncompressed entries");
      byte[] bytes = read(zip, first);
      String header = "{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3), }";
      assertNpy(bytes, header, new byte[] {1, 0, 0, 1, 1, 0});
      assertNpy(read(zip, zip.getEntry("5/layer1/mask.npy")),
          "{'descr': '|b1', 'fortran_order': False, 'shape': (6,), }", new byte[6]);
    }
    try (InputStream in = Files.newInputStream(file)) {
      assertArrayEquals(new byte[] {'P', 'K', 3, 4}, in.readNBytes(4), "a zip file");
    }
    assertEquals(List.of("records.npz"), listing(), "no temporary file left");
  }

  /** Magic, version 1.0, little-endian header length, padded header, then the values at a 64-byte boundary. */
  private static void assertNpy(byte[] npy, String dict, byte[] values) {
    assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(npy, 8));
    int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
    int dataStart = 10 + headerLength;
    assertEquals(0, dataStart % 64, "values start 64-byte aligned");
    String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
    assertEquals(dict + " ".repeat(headerLength - dict.length() - 1) + "\n", header);
    assertArrayEquals(values, Arrays.copyOfRange(npy, dataStart, npy.length));
  }

  @Test
  void shapesAreWrittenAsPythonTuples() {
    assertEquals("()", NpzWriter.shapeTuple(new long[0]));
    assertEquals("(5,)", NpzWriter.shapeTuple(new long[] {5}));
    assertEquals("(784, 300)", NpzWriter.shapeTuple(new long[] {784, 300}));
  }

  @Test
  void nothingAppearsWithoutCommit() throws IOException {
    Path file = dir.resolve("partial.npz");
    try (NpzWriter npz = NpzWriter.create(file)) {
      npz.putBooleans("a", new long[] {1}, new boolean[] {true});
    }
    assertFalse(Files.exists(file));
    assertEquals(List.of(), listing(), "the temporary file is deleted");
  }

  @Test
  void rejectsAShapeThatDoesNotFitTheValuesAndDuplicateKeys() throws IOException {
    try (NpzWriter npz = NpzWriter.create(dir.resolve("bad.npz"))) {
      assertThrows(IllegalArgumentException.class, () -> npz.putBooleans("a", new long[] {2, 2}, new boolean[3]));
      npz.putBooleans("a", new long[] {3}, new boolean[3]);
      assertThrows(IllegalArgumentException.class, () -> npz.putBooleans("a", new long[] {3}, new boolean[3]));
    }
  }

  private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  private List<String> listing() throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
