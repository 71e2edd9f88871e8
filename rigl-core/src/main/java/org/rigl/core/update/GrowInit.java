package org.rigl.core.update;

import org.rigl.core.mask.MaskedWeights;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Values given to newly grown connections: port of {@code get_grow_tensor}. Names: zeros,
 * initial_dist[_d], random_normal[_d], random_uniform[_d], and for RigL only grad_scale[_d] and
 * grad_sign[_d]; {@code _d} divides the values (default 1).
 */
public final class GrowInit {
  private enum Kind { ZEROS, INITIAL_DIST, RANDOM_NORMAL, RANDOM_UNIFORM, GRAD_SCALE, GRAD_SIGN }

  private static final String VALID = "zeros, initial_dist[_d], random_normal[_d], random_uniform[_d]";
  private static final String VALID_RIGL = VALID + ", grad_scale[_d], grad_sign[_d]";

  private final Kind kind;
  private final float divisor;
  private final String name;

  private GrowInit(Kind kind, double divisor, String name) {
    this.kind = kind;
    this.divisor = (float) divisor;
    this.name = name;
  }

  /** Parses a {@code grow_init} flag; gradient-based options only when {@code gradientsAvailable}. */
  public static GrowInit parse(String name, boolean gradientsAvailable) {
    if (name == null) {
      throw new IllegalArgumentException("Grow-Init: null is not a string");
    }
    String valid = gradientsAvailable ? VALID_RIGL : VALID;
    Kind kind;
    if (name.equals("zeros")) {
      return new GrowInit(Kind.ZEROS, 1, name);
    } else if (name.startsWith("initial_dist")) {
      kind = Kind.INITIAL_DIST;
    } else if (name.startsWith("random_normal")) {
      kind = Kind.RANDOM_NORMAL;
    } else if (name.startsWith("random_uniform")) {
      kind = Kind.RANDOM_UNIFORM;
    } else if (gradientsAvailable && name.startsWith("grad_scale")) {
      kind = Kind.GRAD_SCALE;
    } else if (gradientsAvailable && name.startsWith("grad_sign")) {
      kind = Kind.GRAD_SIGN;
    } else {
      throw new IllegalArgumentException("Grow-Init: " + name + " is not a valid option (valid: " + valid + ")");
    }
    return new GrowInit(kind, NumberSuffix.extract(name), name);
  }

  public String name() {
    return name;
  }

  /** The grow tensor for {@code layer}, same shape as its weights. */
  public Operand<TFloat32> tensor(UpdateContext ctx, MaskedWeights layer) {
    Ops tf = ctx.tf();
    Operand<TFloat32> weights = layer.weights();
    Operand<TFloat32> values;
    switch (kind) {
      case ZEROS:
        return tf.zerosLike(weights);
      case INITIAL_DIST:
        // A fresh draw of the initializer: TF1's initial_value re-runs its random op, and a
        // shuffle of i.i.d. draws is the same distribution.
        values = layer.initializer().create(tf, layer.shape(), ctx.seed(layer, "initial_dist"));
        break;
      case RANDOM_NORMAL: {
        Operand<TFloat32> mean = tf.math.mean(weights, allAxes(tf, layer));
        Operand<TFloat32> variance =
            tf.math.mean(tf.math.square(tf.math.sub(weights, mean)), allAxes(tf, layer));
        values = tf.math.mul(ctx.randomNormal(layer, "grow_init_n"), tf.math.sqrt(variance));
        break;
      }
      case RANDOM_UNIFORM: {
        Operand<TFloat32> bound = tf.math.mean(tf.math.abs(weights), allAxes(tf, layer));
        Operand<TFloat32> unit = ctx.randomUniform(layer, "grow_init_u");
        values = tf.math.sub(tf.math.mul(unit, tf.math.mul(tf.constant(2f), bound)), bound);
        break;
      }
      case GRAD_SCALE:
        values = ctx.maskedGradient(layer);
        break;
      case GRAD_SIGN:
        values = tf.math.sign(ctx.maskedGradient(layer));
        break;
      default:
        throw new IllegalStateException(kind.toString());
    }
    return tf.math.div(values, tf.constant(divisor));
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, MaskedWeights layer) {
    int rank = layer.shape().numDimensions();
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.constant(axes);
  }
}
