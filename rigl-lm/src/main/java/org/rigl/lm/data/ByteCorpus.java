package org.rigl.lm.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text file as raw bytes: the character-level model's vocabulary is the 256 byte values, so
 * UTF-8 text is modelled byte by byte without decoding.
 */
public record ByteCorpus(String name, byte[] bytes) {
  /** Byte values, the size of the model's vocabulary. */
  public static final int VOCABULARY = 256;

  /** Reads {@code dataDir/<split file>}; a missing or empty file is a one-line error. */
  public static ByteCorpus read(Path dataDir, WikiTextSplit split) throws IOException {
    Path file = dataDir.resolve(split.fileName());
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("missing data file " + file + " (--data_dir must hold "
          + WikiTextSplit.TRAIN.fileName() + ", " + WikiTextSplit.VALID.fileName() + " and "
          + WikiTextSplit.TEST.fileName() + ")");
    }
    long size = Files.size(file);
    if (size == 0) {
      throw new IllegalArgumentException("data file " + file + " is empty");
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("data file " + file + " is larger than 2 GiB (" + size + " bytes)");
    }
    return new ByteCorpus(split.fileName(), Files.readAllBytes(file));
  }

  public int size() {
    return bytes.length;
  }

  /** The byte at {@code i} as an id in [0, 256). */
  public int id(long i) {
    return bytes[(int) i] & 0xff;
  }

  /** The first {@code n} bytes (all of them if {@code n <= 0} or larger than the corpus). */
  public ByteCorpus head(long n) {
    if (n <= 0 || n >= bytes.length) {
      return this;
    }
    return new ByteCorpus(name, java.util.Arrays.copyOf(bytes, (int) n));
  }

  /** Entropy in bits of the byte frequencies: what a model without context can at best reach. */
  public double unigramEntropyBits() {
    long[] counts = new long[VOCABULARY];
    for (byte b : bytes) {
      counts[b & 0xff]++;
    }
    double h = 0;
    for (long c : counts) {
      if (c > 0) {
        double p = (double) c / bytes.length;
        h -= p * Math.log(p) / Math.log(2);
      }
    }
    return h;
  }
}
