package org.rigl.core.sparse;

import java.util.List;
import org.rigl.core.mask.MaskedWeights;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Where one masked layer's mask holds ones, for computing with its nonzero weights only: the
 * positions in Wᵀ {@code [out, in]} sorted row-major (the sparse operand's order) and the same
 * positions in W {@code [in, out]}, to read and update the weights there. Derived state: the
 * variables live under {@value #SCOPE}, which checkpoints leave out, and are rebuilt from the mask
 * after it is initialised, restored or updated. Their length follows the mask's count of ones.
 */
public final class NonzeroIndices {
  /** The scope of every derived variable; checkpoints skip it. */
  public static final String SCOPE = "sparse_compute";

  private final MaskedWeights layer;
  private final Variable<TInt64> transposed;
  private final Variable<TInt64> inWeights;

  private NonzeroIndices(MaskedWeights layer, Variable<TInt64> transposed, Variable<TInt64> inWeights) {
    this.layer = layer;
    this.transposed = transposed;
    this.inWeights = inWeights;
  }

  /** Creates the (empty) index variables of {@code layer}, a 2-D masked weight. */
  public static NonzeroIndices create(Ops tf, MaskedWeights layer) {
    if (layer.shape().numDimensions() != 2) {
      throw new IllegalArgumentException(layer.weightsName() + ": sparse compute needs a 2-D weight, not "
          + layer.shape());
    }
    String prefix = SCOPE + "/" + layer.scope() + "/";
    return new NonzeroIndices(layer, indexVariable(tf, prefix + "indices_transposed"),
        indexVariable(tf, prefix + "indices"));
  }

  /** Whether a variable name is derived sparse-compute state (never saved). */
  public static boolean isDerived(String variableName) {
    return variableName.startsWith(SCOPE + "/");
  }

  public MaskedWeights layer() {
    return layer;
  }

  /** Positions of the ones in Wᵀ {@code [out, in]}, {@code [nnz, 2]} sorted row-major. */
  public Operand<TInt64> transposed() {
    return transposed;
  }

  /** The same positions, same order, in W {@code [in, out]}. */
  public Operand<TInt64> inWeights() {
    return inWeights;
  }

  /** The active weights, in {@link #transposed}'s order. */
  public Operand<TFloat32> values(Ops tf) {
    return SparseUpdates.gather(tf, layer.weights(), inWeights);
  }

  /** Re-reads the positions from the mask as it is when this op runs (after {@code tf}'s dependencies). */
  public Op rebuild(Ops tf) {
    Operand<TFloat32> maskT = tf.linalg.transpose(tf.identity(layer.mask()), tf.constant(new int[] {1, 0}));
    Operand<TInt64> positions = tf.where(tf.math.notEqual(maskT, tf.zerosLike(maskT)));
    Operand<TInt64> swapped = tf.gather(positions, tf.constant(new int[] {1, 0}), tf.constant(1));
    Op first = tf.assign(transposed, positions, Assign.validateShape(false));
    return tf.withControlDependencies(List.of(first)).assign(inWeights, swapped, Assign.validateShape(false));
  }

  /** An int64 variable of unknown shape {@code [?, 2]}, initially empty. */
  private static Variable<TInt64> indexVariable(Ops tf, String name) {
    Graph graph = (Graph) tf.scope().env();
    GraphOperation op = graph.opBuilder(Variable.OP_NAME, name, tf.scope().withInitScope())
        .setAttr("shape", Shape.unknown())
        .setAttr("dtype", DataType.DT_INT64)
        .build();
    Variable<TInt64> variable = new Variable<>(op);
    Ops.create(graph).withInitScope()
        .assign(variable, tf.constant(Shape.of(0, 2), DataBuffers.of(new long[0])), Assign.validateShape(false));
    return variable;
  }
}
