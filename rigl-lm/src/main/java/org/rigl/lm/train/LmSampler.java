package org.rigl.lm.train;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.rigl.lm.data.Batch;
import org.rigl.lm.data.ByteCorpus;
import org.rigl.lm.model.StatefulRunner;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Generates text byte by byte from a restored model unrolled over one step: the prime is fed
 * through to set the GRU state, then each next byte is drawn from {@code softmax(logits / T)}
 * (T = 0: the most likely byte) with a seeded generator.
 */
public final class LmSampler {
  private final RestoredModel model;

  public LmSampler(RestoredModel model) {
    if (model.graph().seqLen != 1) {
      throw new IllegalArgumentException("sampling needs the model unrolled over 1 step, got " + model.graph().seqLen);
    }
    this.model = model;
  }

  /** The prime followed by {@code length} sampled bytes. */
  public byte[] sample(byte[] prime, int length, double temperature, long seed) {
    if (prime.length == 0) {
      throw new IllegalArgumentException("--prime must not be empty");
    }
    if (length < 0 || !(temperature >= 0)) {
      throw new IllegalArgumentException("--length and --temperature must be >= 0");
    }
    StatefulRunner runner = model.runner();
    SplittableRandom random = new SplittableRandom(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prime);
    float[] logits = new float[ByteCorpus.VOCABULARY];
    int current = prime[0] & 0xff;
    for (int i = 0; i < prime.length + length - 1; i++) {
      Batch step = new Batch(1, 1, new int[] {current}, new int[] {0}, new float[] {0f}, i == 0);
      try (Result r = runner.run(step, List.of(model.graph().logits), List.of())) {
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(logits, false, false));
      }
      if (i + 1 < prime.length) {
        current = prime[i + 1] & 0xff;
      } else {
        current = draw(logits, temperature, random);
        out.write(current);
      }
    }
    return out.toByteArray();
  }

  static int draw(float[] logits, double temperature, SplittableRandom random) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    if (temperature == 0) {
      return best;
    }
    double[] p = new double[logits.length];
    double total = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp((logits[i] - logits[best]) / temperature);
      total += p[i];
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < p.length; i++) {
      u -= p[i];
      if (u < 0) {
        return i;
      }
    }
    return best;
  }
}
