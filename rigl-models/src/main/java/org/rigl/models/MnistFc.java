package org.rigl.models;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.sparse.SparseCompute;
import org.rigl.core.sparse.SparseComputeMode;
import org.rigl.models.layers.DenseLayer;
import org.rigl.models.layers.ForwardContext;
import org.rigl.models.layers.Initializers;
import org.rigl.models.layers.Kernel;
import org.rigl.models.layers.L2Regularization;
import org.rigl.models.layers.LayerContext;
import org.rigl.models.layers.SparseLayers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The reference's {@code mnist_train_eval.mnist_network_fc}: 784 → 300 ReLU ({@code layer1}) →
 * 100 ReLU ({@code layer2}) → 10 ({@code layer3}); fewer inputs when {@code --input_mask_path}
 * drops pixels ({@link Builder#inputs}). Every sparse method uses contrib's masked
 * fully connected layers ({@code layerN/{mask,weights,threshold,biases}}); the 'baseline' method
 * uses {@code tf.layers.dense} ({@code layerN/kernel}, {@code layerN/bias}). Glorot-uniform
 * weights, zero biases, L2 on the weights.
 */
public final class MnistFc extends LayeredNetwork {
  static final int MNIST_PIXELS = 784;
  private static final int[] HIDDEN_UNITS = {300, 100};

  private final List<DenseLayer> layers = new ArrayList<>();

  /** The masked MLP with 10 classes. */
  public MnistFc(Ops tf, MaskRegistry masks) {
    this(new LayerContext(tf, masks), builder());
  }

  private MnistFc(LayerContext context, Builder config) {
    super(context, Shape.of(config.inputs), config.numClasses, config.layerSparsity.customSparsityMap("layer1", "layer3"));
    long inputs = config.inputs;
    for (int i = 0; i <= HIDDEN_UNITS.length; i++) {
      long units = i < HIDDEN_UNITS.length ? HIDDEN_UNITS[i] : config.numClasses;
      String name = "layer" + (i + 1);
      DenseLayer layer =
          config.masked
              ? SparseLayers.fullyConnected(context, "", name, inputs, units, Initializers.glorotUniform(), true)
              : SparseLayers.tfLayersDense(context, "", name, inputs, units, Initializers.glorotUniform());
      layers.add(layer);
      inputs = units;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected Operand<TFloat32> logits(ForwardContext forward, Operand<TFloat32> images) {
    return logits(forward.tf(), images);
  }

  /** Logits for a [batch, inputs] input (the MLP has no training-dependent layer). */
  public Operand<TFloat32> logits(Ops tf, Operand<TFloat32> images) {
    Operand<TFloat32> x = images;
    for (int i = 0; i < layers.size(); i++) {
      x = layers.get(i).apply(tf, x);
      if (i < layers.size() - 1) {
        x = tf.nn.relu(x);
      }
    }
    return x;
  }

  /**
   * Logits under {@code compute}: the reference's graph when every layer is masked, else the
   * layers in the transposed layout ({@link DenseLayer#applyTransposed}), the input transposed once
   * and the logits back.
   */
  public Operand<TFloat32> logits(Ops tf, Operand<TFloat32> images, SparseCompute compute) {
    if (compute.mode() == SparseComputeMode.MASKED) {
      return logits(tf, images);
    }
    return logitsTransposed(tf, tf.linalg.transpose(images, tf.constant(new int[] {1, 0})), compute);
  }

  /** Logits [batch, classes] from an input fed transposed, [inputs, batch], under {@code compute}. */
  public Operand<TFloat32> logitsTransposed(Ops tf, Operand<TFloat32> imagesT, SparseCompute compute) {
    Operand<TFloat32> xT = imagesT;
    int last = layers.size() - 1;
    for (int i = 0; i < last; i++) {
      xT = tf.nn.relu(layers.get(i).applyTransposed(tf, xT, compute));
    }
    return layers.get(last).applyFromTransposed(tf, xT, compute);
  }

  /** {@code l2_regularizer(scale)} on every weight matrix: scale * sum(W^2) / 2. */
  public Operand<TFloat32> l2Loss(Ops tf, float scale) {
    return regularizationLoss(tf, scale);
  }

  /**
   * The same under {@code compute}: a layer computed over its nonzeros decays only its active
   * weights, the ones it trains (its inactive entries are never read again: a grown connection
   * takes its grow-init value), so the reported loss leaves their share out.
   */
  public Operand<TFloat32> l2Loss(Ops tf, float scale, SparseCompute compute) {
    if (!compute.any()) {
      return l2Loss(tf, scale);
    }
    List<Operand<TFloat32>> values = new ArrayList<>();
    for (DenseLayer layer : layers) {
      Kernel kernel = layer.kernel();
      values.add(kernel.isMasked() ? compute.regularized(tf, kernel.masked()) : tf.identity(kernel.variable()));
    }
    return L2Regularization.ofValues(tf, values, scale);
  }

  /** The three layers' kernels, input first: masked layers' weights, or baseline's plain kernels. */
  public List<Kernel> kernels() {
    return layers.stream().map(DenseLayer::kernel).toList();
  }

  public List<Variable<TFloat32>> biases() {
    return layers.stream().map(DenseLayer::bias).toList();
  }

  /** {@code mnist_train_eval.py}'s network options. */
  public static final class Builder extends NetworkBuilder<Builder> {
    private boolean masked = true;
    private int inputs = MNIST_PIXELS;

    private Builder() {
      super(10, new FirstLastLayerSparsity(-1, -1));
    }

    /** Input width: 784 pixels, or the pixels an input mask keeps. */
    public Builder inputs(int inputs) {
      this.inputs = requirePositive(inputs, "mnist_fc inputs");
      return this;
    }

    /** 'threshold' (masked layers, every sparse method) or 'baseline' (plain dense layers). */
    public Builder pruningMethod(String method) {
      masked = masksLayers(method);
      return this;
    }

    /** A positive value becomes {@code layer1}'s custom sparsity; the layer is always masked. */
    @Override
    public Builder firstLayerSparsity(double sparsity) {
      return super.firstLayerSparsity(requireMasked(sparsity, "first"));
    }

    /** A positive value becomes {@code layer3}'s custom sparsity; the layer is always masked. */
    @Override
    public Builder lastLayerSparsity(double sparsity) {
      return super.lastLayerSparsity(requireMasked(sparsity, "last"));
    }

    private static double requireMasked(double sparsity, String which) {
      if (sparsity == 0) {
        throw new IllegalArgumentException(
            "mnist_fc masks all its layers or none (mnist_train_eval.py): " + which
                + " layer sparsity 0 (unmasked layer) is not available; use -1 or a sparsity in (0, 1)");
      }
      return sparsity;
    }

    @Override
    public MnistFc build(Ops tf, MaskRegistry masks) {
      return new MnistFc(new LayerContext(tf, masks), this);
    }
  }
}
