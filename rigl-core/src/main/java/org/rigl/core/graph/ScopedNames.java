package org.rigl.core.graph;

import org.tensorflow.op.Ops;

/** Builds ops with TF1-style slash-separated names, which TF Java's {@code withName} rejects. */
public final class ScopedNames {
  private ScopedNames() {}

  /** Returns an {@link Ops} whose next op is named exactly {@code fullName}, e.g. "a/b/Momentum". */
  public static Ops named(Ops tf, String fullName) {
    int cut = fullName.lastIndexOf('/');
    return cut < 0 ? tf.withName(fullName) : in(tf, fullName.substring(0, cut)).withName(fullName.substring(cut + 1));
  }

  /** Returns an {@link Ops} inside the nested scope {@code path} ("a/b" means a then b). */
  public static Ops in(Ops tf, String path) {
    Ops scoped = tf;
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        scoped = scoped.withSubScope(part);
      }
    }
    return scoped;
  }
}
