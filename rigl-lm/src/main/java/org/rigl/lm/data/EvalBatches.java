package org.rigl.lm.data;

/**
 * Evaluation batches that score every next-byte prediction of a corpus exactly once.
 *
 * <p>The {@code M = N - 1} targets (bytes 1..N-1, each predicted from the bytes before it) are cut
 * into {@code batchSize} contiguous lanes of {@code ceil(M / batchSize)} targets; the lanes are
 * walked in windows of {@code seqLen} with the state carried from window to window, and positions
 * past a lane's end get weight 0. Summing the weighted cross-entropy over all batches therefore
 * covers each of the M targets once, whatever the batch size and sequence length.
 */
public final class EvalBatches {
  private final ByteCorpus corpus;
  private final int batchSize;
  private final int seqLen;
  private final long targetCount;
  private final long laneLength;

  public EvalBatches(ByteCorpus corpus, int batchSize, int seqLen) {
    if (batchSize <= 0 || seqLen <= 0) {
      throw new IllegalArgumentException("batch size and --seq_len must be positive, got " + batchSize + " and " + seqLen);
    }
    if (corpus.size() < 2) {
      throw new IllegalArgumentException(corpus.name() + " has " + corpus.size() + " byte: nothing to predict");
    }
    this.corpus = corpus;
    this.batchSize = batchSize;
    this.seqLen = seqLen;
    this.targetCount = corpus.size() - 1L;
    this.laneLength = (targetCount + batchSize - 1) / batchSize;
  }

  /** How many targets the batches score in total (N - 1). */
  public long targetCount() {
    return targetCount;
  }

  public int count() {
    return Math.toIntExact((laneLength + seqLen - 1) / seqLen);
  }

  public Batch batch(int window) {
    int[] inputs = new int[batchSize * seqLen];
    int[] targets = new int[batchSize * seqLen];
    float[] weights = new float[batchSize * seqLen];
    for (int row = 0; row < batchSize; row++) {
      long laneStart = row * laneLength;
      long laneEnd = Math.min(laneStart + laneLength, targetCount);
      for (int t = 0; t < seqLen; t++) {
        long q = laneStart + (long) window * seqLen + t;
        if (q < laneEnd) {
          inputs[row * seqLen + t] = corpus.id(q);
          targets[row * seqLen + t] = corpus.id(q + 1);
          weights[row * seqLen + t] = 1f;
        }
      }
    }
    return new Batch(batchSize, seqLen, inputs, targets, weights, window == 0);
  }
}
