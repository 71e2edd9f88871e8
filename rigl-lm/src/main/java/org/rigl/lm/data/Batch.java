package org.rigl.lm.data;

/**
 * One step of truncated back-propagation: {@code batchSize} rows of {@code seqLen} input byte ids
 * and their next-byte targets, row-major [batch, time]. {@code weights} is 1 where a target
 * counts and 0 on padding. {@code startsSequence}: the rows do not continue the previous batch's
 * rows, so the recurrent state must start from zeros.
 */
public record Batch(int batchSize, int seqLen, int[] inputs, int[] targets, float[] weights, boolean startsSequence) {
  /** Number of counted targets. */
  public long tokens() {
    long n = 0;
    for (float w : weights) {
      n += w > 0 ? 1 : 0;
    }
    return n;
  }
}
