package org.rigl.imagenet.convert;

import java.util.Collections;
import java.util.List;

/**
 * Python's {@code random} module for what the converters need: {@code random.seed(n)} for a
 * non-negative integer and {@code random.shuffle(x)} (Python 3), so that a list in the same order
 * is shuffled exactly as {@code build_imagenet_data.py}'s {@code random.seed(12345);
 * random.shuffle(...)} does. The generator is the Mersenne Twister MT19937 seeded by
 * {@code init_by_array} with the seed's 32-bit words, as CPython seeds it.
 */
public final class PythonRandom {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] state = new int[N];
  private int index;

  /** {@code random.seed(seed)}. */
  public PythonRandom(long seed) {
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be non-negative, was " + seed);
    }
    int high = (int) (seed >>> 32);
    seedByArray(high == 0 ? new int[] {(int) seed} : new int[] {(int) seed, high});
  }

  /** {@code random.shuffle(items)}: in place, walking from the end, each swap partner drawn below i + 1. */
  public void shuffle(List<?> items) {
    for (int i = items.size() - 1; i > 0; i--) {
      Collections.swap(items, i, randBelow(i + 1));
    }
  }

  /** {@code random._randbelow(n)}: draws {@code n.bit_length()} bits until the value is below n. */
  public int randBelow(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("bound must be positive, was " + n);
    }
    int bits = 32 - Integer.numberOfLeadingZeros(n);
    long value;
    do {
      value = getRandBits(bits);
    } while (value >= n);
    return (int) value;
  }

  /** {@code random.getrandbits(bits)} for 1 to 32 bits: the top bits of one 32-bit output. */
  public long getRandBits(int bits) {
    if (bits < 1 || bits > 32) {
      throw new IllegalArgumentException("bits must lie in [1, 32], was " + bits);
    }
    return Integer.toUnsignedLong(nextInt()) >>> (32 - bits);
  }

  private void seedByArray(int[] key) {
    seedByInt(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        state[0] = state[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        state[0] = state[N - 1];
        i = 1;
      }
    }
    state[0] = UPPER_MASK;
    index = N;
  }

  private void seedByInt(int seed) {
    state[0] = seed;
    for (int i = 1; i < N; i++) {
      state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
    }
  }

  private int nextInt() {
    if (index >= N) {
      regenerate();
    }
    int y = state[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  private void regenerate() {
    for (int k = 0; k < N; k++) {
      int y = (state[k] & UPPER_MASK) | (state[(k + 1) % N] & LOWER_MASK);
      state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
    }
    index = 0;
  }
}
