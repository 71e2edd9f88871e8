package org.rigl.lm.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training batches for truncated back-propagation with the state carried between batches.
 *
 * <p>The corpus is read as a ring of {@code N} bytes cut into {@code batchSize} lanes of
 * {@code L = N / batchSize} bytes; batch {@code j} of an epoch holds the {@code j}-th window of
 * {@code seqLen} bytes of every lane, so row {@code r} of batch {@code j + 1} continues row
 * {@code r} of batch {@code j} and the GRU state carries over. Each epoch shuffles by drawing a
 * new random offset of the lane grid on the ring (seeded by (seed, epoch)), so every epoch cuts
 * the text into different windows and lanes; the state restarts from zeros at each epoch.
 * Batch {@code k} is a pure function of {@code k}, which makes resuming exact.
 */
public final class TrainBatches {
  private final ByteCorpus corpus;
  private final int batchSize;
  private final int seqLen;
  private final long seed;
  private final long laneLength;
  private final long windowsPerEpoch;

  public TrainBatches(ByteCorpus corpus, int batchSize, int seqLen, long seed) {
    if (batchSize <= 0 || seqLen <= 0) {
      throw new IllegalArgumentException("batch size and --seq_len must be positive, got " + batchSize + " and " + seqLen);
    }
    long n = corpus.size();
    if ((long) batchSize * seqLen >= n) {
      throw new IllegalArgumentException(seqLen >= n
          ? "--seq_len=" + seqLen + " is larger than the data: " + corpus.name() + " has " + n + " bytes"
          : "--seq_len=" + seqLen + " x batch size " + batchSize + " = " + (long) batchSize * seqLen
              + " bytes per batch is larger than the data: " + corpus.name() + " has " + n + " bytes");
    }
    this.corpus = corpus;
    this.batchSize = batchSize;
    this.seqLen = seqLen;
    this.seed = seed;
    this.laneLength = n / batchSize;
    this.windowsPerEpoch = laneLength / seqLen;
  }

  public long batchesPerEpoch() {
    return windowsPerEpoch;
  }

  /** The {@code k}-th training batch (k >= 0). */
  public Batch batch(long k) {
    long epoch = k / windowsPerEpoch;
    long window = k % windowsPerEpoch;
    long n = corpus.size();
    long offset = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch).nextLong(n);
    int[] inputs = new int[batchSize * seqLen];
    int[] targets = new int[batchSize * seqLen];
    for (int row = 0; row < batchSize; row++) {
      long start = offset + row * laneLength + window * seqLen;
      for (int t = 0; t < seqLen; t++) {
        inputs[row * seqLen + t] = corpus.id((start + t) % n);
        targets[row * seqLen + t] = corpus.id((start + t + 1) % n);
      }
    }
    float[] weights = new float[batchSize * seqLen];
    Arrays.fill(weights, 1f);
    return new Batch(batchSize, seqLen, inputs, targets, weights, window == 0);
  }
}
