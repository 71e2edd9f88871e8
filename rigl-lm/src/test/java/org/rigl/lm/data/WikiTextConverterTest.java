package org.rigl.lm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.io.Examples;
import org.rigl.core.io.TfRecordReader;

/** WikiText raw files to byte-run records and back, byte for byte. */
@Tag("fast")
class WikiTextConverterTest {
  private static final Path DUMMY =
      Path.of(System.getProperty("rigl.root"), "..", "shared", "testdata", "text", "dummy_data", "wikitext-103-raw");

  @TempDir Path dir;

  private Map<String, Long> convert(Path input, Path out, int seqLen) throws IOException {
    return WikiTextConverter.convert(input, out, seqLen, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void recordsConcatenateToTheInputFiles() throws IOException {
    Path out = dir.resolve("out");
    int seqLen = 100;
    Map<String, Long> written = convert(DUMMY, out, seqLen);
    assertEquals(List.of("wiki.train.tfrecord", "wiki.valid.tfrecord", "wiki.test.tfrecord"), List.copyOf(written.keySet()));
    for (String raw : WikiTextConverter.RAW_FILES) {
      byte[] original = Files.readAllBytes(DUMMY.resolve(raw));
      List<byte[]> records = records(out.resolve(WikiTextConverter.tfRecordName(raw)));
      assertEquals((original.length + seqLen - 1) / seqLen, records.size(), raw);
      assertEquals(records.size(), written.get(WikiTextConverter.tfRecordName(raw)));
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      for (int i = 0; i < records.size(); i++) {
        byte[] record = records.get(i);
        if (i < records.size() - 1) {
          assertEquals(seqLen, record.length, raw + " record " + i);
        }
        joined.write(record);
      }
      assertArrayEquals(original, joined.toByteArray(), raw);
    }
    assertEquals(List.of("wiki.test.tfrecord", "wiki.train.tfrecord", "wiki.valid.tfrecord"), names(out));
  }

  @Test
  void defaultSeqLenKeepsSmallFilesWholeAndEmptyFilesGiveNoRecords() throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.write(input.resolve("wiki.train.raw"), Files.readAllBytes(DUMMY.resolve("wiki.train.raw")));
    Files.writeString(input.resolve("wiki.valid.raw"), " = Ünïcödé = \n", StandardCharsets.UTF_8);
    Files.write(input.resolve("wiki.test.raw"), new byte[0]);
    Path out = dir.resolve("out");
    convert(input, out, WikiTextConverter.DEFAULT_SEQ_LEN);
    assertEquals(1, records(out.resolve("wiki.train.tfrecord")).size());
    assertEquals(" = Ünïcödé = \n", new String(records(out.resolve("wiki.valid.tfrecord")).get(0), StandardCharsets.UTF_8));
    assertEquals(0, records(out.resolve("wiki.test.tfrecord")).size());
  }

  @Test
  void badInputFailsInOneLineAndWritesNothing() throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("wiki.train.raw"), "text");
    Files.writeString(input.resolve("wiki.valid.raw"), "text");
    Path out = dir.resolve("out");
    assertFails("missing WikiText file " + input.resolve("wiki.test.raw"), () -> convert(input, out, 10));
    assertFalse(Files.exists(out));
    assertFails("--input_dir " + dir.resolve("nowhere") + " does not exist", () -> convert(dir.resolve("nowhere"), out, 10));
    assertFails("--seq_len must be positive", () -> convert(DUMMY, out, 0));
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertFails("--output_dir " + file + " is a file", () -> convert(DUMMY, file, 10));
  }

  private static void assertFails(String expected, Executable conversion) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, conversion);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  private static List<byte[]> records(Path file) throws IOException {
    try (TfRecordReader reader = TfRecordReader.open(file)) {
      return reader.stream().map(r -> Examples.bytes(Examples.parse(r), WikiTextConverter.FEATURE)).toList();
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
