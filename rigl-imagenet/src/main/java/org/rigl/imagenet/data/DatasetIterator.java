package org.rigl.imagenet.data;

import java.util.List;
import org.tensorflow.Output;
import org.tensorflow.op.Op;

/**
 * A dataset iterator in a graph: {@code initializer} (re)starts it from the first element,
 * {@code next} are the components of the next element, produced by the op {@code nextOpName}
 * (TensorFlow names that op in the errors a failing pipeline raises).
 */
public record DatasetIterator(Op initializer, List<Output<?>> next, String nextOpName) {}
