package org.rigl.core.sparse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rigl.core.mask.MaskedWeights;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * How one graph's masked layers multiply under {@code --sparse_compute}, and the record of every
 * product taken over nonzeros, which the gradients, the optimizer step and the mask update read.
 *
 * <p>Layers compute in the transposed layout, activations {@code [features, batch]}, so that the
 * sparse operand, Wᵀ, is the left one and each nonzero's work runs along a contiguous row of the
 * batch. A layer over its nonzeros reads its active weights once per step ({@link NonzeroIndices})
 * however many times it multiplies (a recurrent kernel once per time step); the gradient of those
 * values is all the weight step needs. The dense gradient dL/d(mask·W) = X·dYᵀ, which grow scores
 * read, is formed from the recorded inputs and output gradients only where a mask update asks.
 */
public final class SparseCompute {
  /** One layer computed over its nonzeros: its indices, its active weights and each product's input and output. */
  public record SparseLayer(NonzeroIndices indices, Operand<TFloat32> values, int threads,
      List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> outputs) {}

  private final SparseComputeMode mode;
  private final Map<String, Double> sparsityByMask;
  private final long rows;
  private final int intraOpThreads;
  private final boolean nativeKernels;
  private final Map<String, SparseLayer> sparseLayers = new LinkedHashMap<>();

  private SparseCompute(SparseComputeMode mode, Map<String, Double> sparsityByMask, long rows, int intraOpThreads) {
    this.mode = mode;
    this.sparsityByMask = Map.copyOf(sparsityByMask);
    this.rows = rows;
    this.intraOpThreads = intraOpThreads;
    this.nativeKernels = mode != SparseComputeMode.MASKED && NativeSparseOps.load().isEmpty();
  }

  /** The reference's masked layers everywhere. */
  public static SparseCompute masked() {
    return new SparseCompute(SparseComputeMode.MASKED, Map.of(), 1, 1);
  }

  /**
   * {@code mode} over layers of the given sparsities (by mask name), on up to {@code intraOpThreads}
   * kernel threads; {@code rows} is the batch of products whose input does not say.
   */
  public static SparseCompute of(SparseComputeMode mode, Map<String, Double> sparsityByMask, long rows,
      int intraOpThreads) {
    return new SparseCompute(mode, sparsityByMask, rows, intraOpThreads);
  }

  public SparseComputeMode mode() {
    return mode;
  }

  /** Whether any layer computes over its nonzeros. */
  public boolean any() {
    return !sparseLayers.isEmpty();
  }

  /**
   * Yᵀ = (mask·W)ᵀ·Xᵀ for {@code xT} {@code [in, batch]}: over the layer's nonzeros when the mode
   * (and under auto the rule) says so, else the dense product of the masked weight.
   */
  public Operand<TFloat32> productTransposed(Ops tf, MaskedWeights layer, Operand<TFloat32> xT) {
    return productTransposed(tf, layer, xT, rows);
  }

  /**
   * The same, for a product whose columns number {@code columns} where the graph does not say (an
   * input projection over every time step: the batch times the steps).
   */
  public Operand<TFloat32> productTransposed(Ops tf, MaskedWeights layer, Operand<TFloat32> xT, long columns) {
    long in = layer.shape().size(0);
    long out = layer.shape().size(1);
    SparseLayer sparse = sparseLayers.get(layer.weightsName());
    if (sparse == null) {
      // The product's own rows where the graph knows them (a recurrent step's batch, an input
      // projection's batch times time steps), else the count the caller gave.
      long productRows = xT.shape().isUnknown() || xT.shape().size(1) < 0 ? columns : xT.shape().size(1);
      double multiplyAdds = (double) productRows * in * out;
      if (!sparse(layer, productRows)) {
        return tf.linalg.matMul(layer.maskedWeights(), xT, MatMul.transposeA(true));
      }
      NonzeroIndices indices = NonzeroIndices.create(tf, layer);
      sparse = new SparseLayer(indices, indices.values(tf), SparseRouteRule.threads(multiplyAdds, intraOpThreads),
          new ArrayList<>(), new ArrayList<>());
      sparseLayers.put(layer.weightsName(), sparse);
    }
    Operand<TFloat32> yT = SparseMatMul.product(tf, sparse.indices().transposed(), sparse.values(), xT, out, in,
        sparse.threads());
    sparse.inputs().add(xT);
    sparse.outputs().add(yT);
    return yT;
  }

  /** Whether {@code layer} computes (or, before its first product, would compute) over its nonzeros. */
  public boolean computesSparse(MaskedWeights layer) {
    return sparseLayers.containsKey(layer.weightsName()) || sparse(layer, rows);
  }

  private boolean sparse(MaskedWeights layer, long productRows) {
    double multiplyAdds = (double) productRows * layer.shape().size(0) * layer.shape().size(1);
    Double sparsity = sparsityByMask.get(layer.maskName());
    return SparseRouteRule.sparse(mode, sparsity == null ? 0 : sparsity, multiplyAdds, nativeKernels);
  }

  /** The layer's entry if it computes over its nonzeros (after its first product). */
  public SparseLayer sparseLayer(MaskedWeights layer) {
    return sparseLayers.get(layer.weightsName());
  }

  /** The tensor L2 regularisation reads: the active weights of a sparse layer, else the whole weight. */
  public Operand<TFloat32> regularized(Ops tf, MaskedWeights layer) {
    SparseLayer sparse = sparseLayers.get(layer.weightsName());
    return sparse != null ? sparse.values() : tf.identity(layer.weights());
  }

  /** Every layer computed over its nonzeros, in first-use order. */
  public List<SparseLayer> sparseLayers() {
    return List.copyOf(sparseLayers.values());
  }

  /** Rebuilds every sparse layer's indices from its mask: after masks are initialised or restored. */
  public Op rebuildIndices(Ops tf) {
    List<Op> ops = new ArrayList<>();
    sparseLayers.values().forEach(l -> ops.add(l.indices().rebuild(tf)));
    return tf.withControlDependencies(ops).noOp();
  }

  /** One line per layer for the run's log: which route each masked layer takes. */
  public String describe(List<MaskedWeights> layers) {
    if (mode == SparseComputeMode.MASKED) {
      return "sparse compute: masked (every layer multiplies mask * W)";
    }
    StringBuilder s = new StringBuilder("sparse compute: " + mode.flagName() + " (kernels: "
        + SparseMatMul.route() + ")");
    for (MaskedWeights layer : layers) {
      SparseLayer sparse = sparseLayers.get(layer.weightsName());
      s.append("; ").append(layer.scope()).append(' ')
          .append(sparse == null ? "masked" : "nonzeros, " + sparse.threads() + " thread(s)");
    }
    return s.toString();
  }
}
