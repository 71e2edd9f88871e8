package org.rigl.core.mask;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.graph.StatelessSeeds;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The masked layers of one graph in creation order: the port of contrib pruning's graph
 * collections ('masks', 'kernel', 'masked_weights') that the reference's optimizers iterate.
 */
public final class MaskRegistry {
  private final List<MaskedWeights> layers = new ArrayList<>();
  private final long seed;

  /** {@code seed} keys the weight initialisation of every layer (with the layer's name). */
  public MaskRegistry(long seed) {
    this.seed = seed;
  }

  /**
   * Creates {@code scope/mask}, {@code scope/weights}, {@code scope/threshold} (in the reference's
   * order: mask first) and the masked-weight tensor, and registers the layer.
   */
  public MaskedWeights create(Ops tf, String scope, Shape shape, WeightInitializer initializer) {
    for (MaskedWeights existing : layers) {
      if (existing.scope().equals(scope)) {
        throw new IllegalArgumentException("masked layer '" + scope + "' already exists");
      }
    }
    Variable<TFloat32> mask = ScopedNames.variable(tf, scope + "/mask", tf.ones(tf.constant(shape), TFloat32.class));
    String weightsName = scope + "/weights";
    Operand<TFloat32> initial =
        initializer.create(tf, shape, tf.constant(new long[] {seed, StatelessSeeds.key(0, weightsName, "init")}));
    Variable<TFloat32> weights = ScopedNames.variable(tf, weightsName, initial);
    Variable<TFloat32> threshold = ScopedNames.variable(tf, scope + "/threshold", tf.constant(0f));
    Operand<TFloat32> masked = tf.math.mul(mask, weights);
    MaskedWeights layer = new MaskedWeights(scope, mask, weights, threshold, masked, initializer);
    layers.add(layer);
    return layer;
  }

  public List<MaskedWeights> layers() {
    return Collections.unmodifiableList(layers);
  }

  public long seed() {
    return seed;
  }
}
