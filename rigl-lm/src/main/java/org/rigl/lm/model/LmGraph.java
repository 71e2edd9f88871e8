package org.rigl.lm.model;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.sparse.SparseCompute;
import org.rigl.lm.data.ByteCorpus;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The model unrolled over {@code seqLen} steps with its feeds and loss, for any batch size:
 * inputs, targets and weights time-major [seqLen, batch] (the row order of the unrolled graph, so
 * no int32 transpose runs in the graph), one initial-state feed [batch, units] per layer.
 *
 * <p>The loss is the weighted mean next-byte cross-entropy in nats; {@code crossEntropySum} and
 * {@code weightSum} let evaluation add up exact totals over many batches. Cross-entropy goes
 * through one-hot targets because TF Java has no gradient for the sparse-label kernel.
 */
public final class LmGraph {
  public final int seqLen;
  public final Placeholder<TInt32> inputs;
  public final Placeholder<TInt32> targets;
  public final Placeholder<TFloat32> weights;
  public final List<Placeholder<TFloat32>> initialStates = new ArrayList<>();
  public final Operand<TFloat32> logits;
  public final List<Operand<TFloat32>> finalStates;
  public final Operand<TFloat32> crossEntropySum;
  public final Operand<TFloat32> weightSum;
  public final Operand<TFloat32> loss;

  public LmGraph(Ops tf, CharGruModel model, int seqLen) {
    this(tf, model, seqLen, SparseCompute.masked(), 1);
  }

  /**
   * The model's forward pass under {@code compute} (see {@link CharGruModel#forward(Ops, Operand,
   * List, int, SparseCompute, long)}); {@code batch}, the batch it mostly runs, sizes the products
   * for the routing of {@code --sparse_compute=auto}.
   */
  public LmGraph(Ops tf, CharGruModel model, int seqLen, SparseCompute compute, long batch) {
    this.seqLen = seqLen;
    inputs = tf.withName("inputs").placeholder(TInt32.class, Placeholder.shape(Shape.of(seqLen, -1)));
    targets = tf.withName("targets").placeholder(TInt32.class, Placeholder.shape(Shape.of(seqLen, -1)));
    weights = tf.withName("target_weights").placeholder(TFloat32.class, Placeholder.shape(Shape.of(seqLen, -1)));
    for (int i = 0; i < model.layers().size(); i++) {
      initialStates.add(
          tf.withName("initial_state_" + i)
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, model.layers().get(i).units()))));
    }
    CharGruModel.Forward forward = model.forward(tf, inputs, initialStates, seqLen, compute, batch);
    logits = forward.logits();
    finalStates = forward.finalStates();
    Operand<TFloat32> oneHot =
        tf.oneHot(flat(tf, targets), tf.constant(ByteCorpus.VOCABULARY), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> perTarget = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
    Operand<TFloat32> w = flat(tf, weights);
    crossEntropySum = tf.reduceSum(tf.math.mul(perTarget, w), tf.constant(0));
    weightSum = tf.reduceSum(w, tf.constant(0));
    loss = tf.math.div(crossEntropySum, tf.math.maximum(weightSum, tf.constant(1f)));
  }

  /** [T, batch] → [T * batch], the row order of the logits. */
  private static <T extends org.tensorflow.types.family.TType> Operand<T> flat(Ops tf, Operand<T> timeMajor) {
    return tf.reshape(timeMajor, tf.constant(new int[] {-1}));
  }
}
