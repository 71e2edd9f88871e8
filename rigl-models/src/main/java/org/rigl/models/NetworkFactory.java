package org.rigl.models;

import org.rigl.core.mask.MaskRegistry;
import org.tensorflow.op.Ops;

/** Creates a network's variables in a graph; masked layers are registered in {@code masks}. */
@FunctionalInterface
public interface NetworkFactory {
  Network build(Ops tf, MaskRegistry masks);
}
