package org.rigl.core.update;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.mask.MaskedWeights;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The one drop/grow kernel every dynamic method shares: port of {@code _get_update_op}.
 *
 * <p>Drops the {@code n_prune = int32(float32(n_ones) * drop_fraction)} lowest drop scores among
 * active connections and grows as many of the highest grow scores among the rest, so each layer
 * keeps its number of ones. Both selections are full descending sorts (TopK with k = n, lower
 * index first on ties). Grown connections get the grow-init values and every optimizer slot is
 * reset there; dropped weights keep their value in W (they are only masked).
 */
public final class MaskUpdateKernel {
  /** Standard deviation of the noise added to drop scores to break ties randomly. */
  public static final float DROP_NOISE_STD = 1e-5f;

  private MaskUpdateKernel() {}

  /** {@code abs(mask * W) + N(0, 1e-5)}: the drop score of every method. */
  public static Operand<TFloat32> dropScore(UpdateContext ctx, MaskedWeights layer) {
    Ops tf = ctx.tf();
    Operand<TFloat32> magnitude = tf.math.abs(tf.math.mul(layer.mask(), layer.weights()));
    return tf.math.add(magnitude, tf.math.mul(ctx.randomNormal(layer, "drop"), tf.constant(DROP_NOISE_STD)));
  }

  /** Builds the update of one layer; returns the op that assigns the new mask (last). */
  public static Op update(UpdateContext ctx, MaskedWeights layer, DynamicMethod method, GrowInit growInit) {
    Ops tf = ctx.tf();
    Shape shape = layer.shape();
    int n = Math.toIntExact(shape.size());
    Variable<TFloat32> mask = layer.mask();
    Operand<TInt32> nOnes = tf.dtypes.cast(tf.reduceSum(tf.reshape(mask, tf.constant(new int[] {-1})), tf.constant(0)), TInt32.class);
    Operand<TInt32> nPrune =
        tf.dtypes.cast(tf.math.mul(tf.dtypes.cast(nOnes, TFloat32.class), ctx.dropFraction()), TInt32.class);
    Operand<TInt32> nKeep = tf.math.sub(nOnes, nPrune);

    Operand<TFloat32> drop = flatten(tf, dropScore(ctx, layer));
    Operand<TFloat32> kept = TopKMask.ones(tf, drop, nKeep, n);
    Operand<TFloat32> grow = flatten(tf, method.growScore(ctx, layer));
    Operand<TFloat32> lowest = tf.math.sub(tf.min(grow, tf.constant(0)), tf.constant(1f));
    Operand<TFloat32> liftedGrow = tf.select(tf.math.equal(kept, tf.onesLike(kept)), tf.math.mul(tf.onesLike(kept), lowest), grow);
    Operand<TFloat32> grown = TopKMask.ones(tf, liftedGrow, nPrune, n);

    // Diverged weights or gradients (NaN, infinity) make the selection meaningless: the layer then
    // keeps its mask and weights, and the training loop's check stops the run on the bad values.
    Operand<TBool> finite = tf.math.logicalAnd(allFinite(tf, drop), allFinite(tf, grow));
    Operand<TBool> disjoint = tf.math.equal(tf.reduceSum(tf.math.mul(kept, grown), tf.constant(0)), tf.constant(0f));
    Op check = tf.assertThat(tf.math.logicalOr(disjoint, tf.math.logicalNot(finite)),
        List.of(tf.constant("mask update: kept and grown sets overlap in " + layer.scope())));
    Operand<TFloat32> grownShaped = tf.withControlDependencies(List.of(check)).reshape(grown, tf.constant(shape));

    Operand<TBool> isGrown = tf.math.logicalAnd(tf.math.equal(grownShaped, tf.onesLike(grownShaped)), finite);
    Operand<TBool> newConnections =
        method.reinitWhenSame() ? isGrown : tf.math.logicalAnd(isGrown, tf.math.equal(mask, tf.zerosLike(mask)));

    List<Op> writes = new ArrayList<>();
    writes.add(tf.assign(layer.weights(), tf.select(newConnections, growInit.tensor(ctx, layer), layer.weights())));
    var slots = ctx.optimizer().slots(layer.weights());
    if (!slots.isEmpty()) {
      Operand<TFloat32> reset = method.slotReset(ctx, layer);
      for (Variable<TFloat32> slot : slots.values()) {
        writes.add(tf.assign(slot, tf.select(newConnections, reset, slot)));
      }
    }
    Operand<TFloat32> newMask = tf.select(finite, tf.reshape(tf.math.add(kept, grown), tf.constant(shape)), mask);
    return tf.withControlDependencies(writes).assign(mask, newMask);
  }

  private static Operand<TBool> allFinite(Ops tf, Operand<TFloat32> flat) {
    return tf.reduceAll(tf.math.isFinite(flat), tf.constant(0));
  }

  private static Operand<TFloat32> flatten(Ops tf, Operand<TFloat32> x) {
    return tf.reshape(x, tf.constant(new int[] {-1}));
  }
}
