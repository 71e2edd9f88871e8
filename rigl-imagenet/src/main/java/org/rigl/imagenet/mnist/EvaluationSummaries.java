package org.rigl.imagenet.mnist;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskStatistics;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.SummaryWriter;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The summaries mnist_train_eval.py merges and writes at each evaluation, under its tags and at the
 * 0-based iteration it passes to {@code add_summary}: {@code test_accuracy}, {@code global_sparsity}
 * and one {@code sparsity/<mask>_0} per mask ({@code tf.summary} turns the variable name's ':0'
 * into '_0'). Dense 'baseline' has no masks, hence no per-layer scalars, and its global sparsity is
 * the reference's {@code 1 - 0/0}: NaN.
 */
final class EvaluationSummaries {
  private final Placeholder<TFloat32> accuracy;
  private final Placeholder<TInt64> iteration;
  private final Op write;

  EvaluationSummaries(Ops tf, SummaryWriter writer, MaskRegistry masks) {
    accuracy = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    iteration = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    List<Op> writes = new ArrayList<>();
    writes.add(writer.scalarOp("test_accuracy", accuracy, iteration));
    writes.add(writer.scalarOp("global_sparsity", MaskStatistics.calculateSparsity(tf, masks), iteration));
    for (MaskedWeights layer : masks.layers()) {
      writes.add(writer.scalarOp("sparsity/" + layer.maskName() + "_0", MaskStatistics.zeroFraction(tf, layer.mask()), iteration));
    }
    write = tf.withControlDependencies(writes).noOp();
  }

  /** Writes the summaries of the evaluation after {@code iteration} (counted from 0). */
  void write(Session session, long iteration, double testAccuracy) {
    try (TFloat32 a = TFloat32.scalarOf((float) testAccuracy);
        TInt64 i = TInt64.scalarOf(iteration)) {
      session.runner().feed(accuracy, a).feed(this.iteration, i).addTarget(write).run().close();
    }
  }
}
