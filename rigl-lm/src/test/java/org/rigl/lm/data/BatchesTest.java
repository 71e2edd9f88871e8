package org.rigl.lm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the WikiText files and laying them out as training and evaluation batches. */
@Tag("fast")
class BatchesTest {
  static final Path DUMMY =
      Path.of(System.getProperty("rigl.root"), "..", "shared", "testdata", "text", "dummy_data", "wikitext-103-raw");

  private static ByteCorpus corpus(String text) {
    return new ByteCorpus("test", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheDummyWikiTextAsBytes() throws IOException {
    ByteCorpus train = ByteCorpus.read(DUMMY, WikiTextSplit.TRAIN);
    assertEquals(Files.size(DUMMY.resolve("wiki.train.raw")), train.size());
    assertEquals('=', train.id(0));
    // UTF-8 '×' (U+00D7) appears in the file as the two bytes C3 97.
    String text = Files.readString(DUMMY.resolve("wiki.train.raw"));
    int at = text.substring(0, text.indexOf('×')).getBytes(StandardCharsets.UTF_8).length;
    assertEquals(0xC3, train.id(at));
    assertEquals(0x97, train.id(at + 1));
    assertTrue(train.unigramEntropyBits() > 4 && train.unigramEntropyBits() < 5, "" + train.unigramEntropyBits());
  }

  @Test
  void missingAndEmptyFilesAreOneLineErrors(@TempDir Path dir) throws IOException {
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> ByteCorpus.read(dir, WikiTextSplit.VALID));
    assertTrue(missing.getMessage().startsWith("missing data file " + dir.resolve("wiki.valid.raw")), missing.getMessage());
    Files.writeString(dir.resolve("wiki.test.raw"), "");
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> ByteCorpus.read(dir, WikiTextSplit.TEST));
    assertEquals("data file " + dir.resolve("wiki.test.raw") + " is empty", empty.getMessage());
  }

  @Test
  void trainRowsContinueAcrossBatchesAndTargetsAreTheNextByte() {
    String text = "abcdefghijklmnopqrstuvwxyz0123456789";
    ByteCorpus c = corpus(text);
    TrainBatches batches = new TrainBatches(c, 3, 4, 7);
    assertEquals(3, batches.batchesPerEpoch()); // lanes of 36 / 3 = 12 bytes, 3 windows of 4
    Batch first = batches.batch(0);
    Batch second = batches.batch(1);
    assertTrue(first.startsSequence());
    assertFalse(second.startsSequence());
    for (int row = 0; row < 3; row++) {
      int lastInput = first.inputs()[row * 4 + 3];
      int next = second.inputs()[row * 4];
      assertEquals((text.indexOf(lastInput) + 1) % 36, text.indexOf(next), "row " + row + " continues");
      for (int t = 0; t < 4; t++) {
        int input = first.inputs()[row * 4 + t];
        assertEquals(text.charAt((text.indexOf(input) + 1) % 36), first.targets()[row * 4 + t]);
      }
    }
    assertEquals(12, first.tokens());
    assertTrue(batches.batch(3).startsSequence());
  }

  @Test
  void everyEpochDrawsANewOffsetAndBatchesArePureFunctionsOfTheirIndex() {
    ByteCorpus c = corpus("The quick brown fox jumps over the lazy dog, again and again and again.");
    TrainBatches a = new TrainBatches(c, 2, 5, 1);
    TrainBatches b = new TrainBatches(c, 2, 5, 1);
    long perEpoch = a.batchesPerEpoch();
    assertArrayEquals(a.batch(perEpoch + 1).inputs(), b.batch(perEpoch + 1).inputs());
    boolean differs = false;
    for (int e = 1; e < 5; e++) {
      differs |= a.batch(0).inputs()[0] != a.batch(e * perEpoch).inputs()[0];
    }
    assertTrue(differs, "epochs start at different offsets");
    assertNotEquals(new TrainBatches(c, 2, 5, 2).batch(0).inputs()[0] * 1000 + new TrainBatches(c, 2, 5, 2).batch(0).inputs()[1],
        a.batch(0).inputs()[0] * 1000 + a.batch(0).inputs()[1]);
  }

  @Test
  void sequenceLongerThanTheDataIsRejected() {
    ByteCorpus c = corpus("short text");
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> new TrainBatches(c, 1, 10, 0));
    assertEquals("--seq_len=10 is larger than the data: test has 10 bytes", tooLong.getMessage());
    IllegalArgumentException tooWide = assertThrows(IllegalArgumentException.class, () -> new TrainBatches(c, 4, 3, 0));
    assertTrue(tooWide.getMessage().contains("12 bytes per batch is larger than the data"), tooWide.getMessage());
  }

  @Test
  void evaluationScoresEveryTargetExactlyOnce() {
    String text = "hello, wikitext! 0123456789";
    ByteCorpus c = corpus(text);
    for (int batch : new int[] {1, 3, 5, 40}) {
      for (int seqLen : new int[] {1, 4, 7, 50}) {
        EvalBatches eval = new EvalBatches(c, batch, seqLen);
        int[] seen = new int[text.length() - 1];
        long tokens = 0;
        for (int w = 0; w < eval.count(); w++) {
          Batch b = eval.batch(w);
          assertEquals(w == 0, b.startsSequence());
          tokens += b.tokens();
          for (int i = 0; i < b.weights().length; i++) {
            if (b.weights()[i] > 0) {
              int q = indexOfPair(text, b.inputs()[i], b.targets()[i], seen);
              seen[q]++;
            }
          }
        }
        assertEquals(text.length() - 1, tokens, "batch " + batch + " seq " + seqLen);
        for (int count : seen) {
          assertEquals(1, count);
        }
      }
    }
  }

  /** The first unseen position q with text[q] == input and text[q + 1] == target. */
  private static int indexOfPair(String text, int input, int target, int[] seen) {
    for (int q = 0; q + 1 < text.length(); q++) {
      if (seen[q] == 0 && text.charAt(q) == input && text.charAt(q + 1) == target) {
        return q;
      }
    }
    throw new AssertionError("no pair " + (char) input + (char) target);
  }
}
