package org.rigl.core.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * Seeds for TF's stateless random ops, keyed by (seed offset, variable name, tag, step).
 *
 * <p>The reference uses {@code stateless_seed_offset + hash(name + tag)} with Python's salted
 * string hash, which differs between processes. {@link String#hashCode()} is fixed by the Java
 * language specification, so here the same key gives the same draw in every process and on every
 * worker, which is what the reference's stateless ops are for.
 */
public final class StatelessSeeds {
  private StatelessSeeds() {}

  /** The stable per-(name, tag) part of the seed. */
  public static long key(long seedOffset, String name, String tag) {
    return seedOffset + (name + tag).hashCode();
  }

  /** A shape-[2] int64 seed tensor {@code [offset + hash(name + tag), step]}. */
  public static Operand<TInt64> seed(
      Ops tf, long seedOffset, String name, String tag, Operand<TInt64> step) {
    return tf.stack(java.util.List.of(tf.constant(key(seedOffset, name, tag)), step));
  }
}
