package org.rigl.imagenet.data;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * Seeds for stateless random ops applied to one dataset element: {@code [key(seed, purpose),
 * element]}.
 *
 * <p>The reference draws augmentations from stateful random ops, whose sequence depends on which
 * thread of a parallel map runs first. Keying each draw by the element's position in the stream
 * (and a purpose, so a crop and a flip are independent) gives the same augmentation for the same
 * seed however many threads decode.
 */
public final class ElementSeeds {
  private ElementSeeds() {}

  /** A distinct key per (seed, purpose); a 64-bit mix so nearby seeds do not share keys. */
  public static long key(long seed, String purpose) {
    long z = seed * 0x9E3779B97F4A7C15L + purpose.hashCode();
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The shape-[2] int64 seed {@code [key(seed, purpose), element]}. */
  public static Operand<TInt64> of(Ops tf, long seed, String purpose, Operand<TInt64> element) {
    return tf.stack(List.of(tf.constant(key(seed, purpose)), element));
  }
}
