package org.rigl.lm.model;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.graph.StatelessSeeds;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.mask.WeightInitializer;
import org.rigl.core.sparse.SparseCompute;
import org.rigl.core.sparse.SparseComputeMode;
import org.rigl.lm.data.ByteCorpus;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The paper's character-level language model: a byte embedding shared by every time step, stacked
 * GRU layers, a readout of dense layers and logits over the 256 byte values. Every kernel except
 * the embedding is a masked layer.
 *
 * <p>Variable names (TF1 style, no Keras): {@code embedding} [256, E];
 * {@code rnn/multi_rnn_cell/cell_<i>/gru_cell/{gates,candidate}/{input,recurrent}/{mask,weights,threshold}}
 * and {@code .../{gates,candidate}/biases} (see {@link GruLayer}); {@code readout_<k>/{mask,weights,threshold,biases}}
 * for k = 1.. ; {@code logits/{mask,weights,threshold,biases}}. Kernels are Glorot uniform
 * (TF1's default initializer), dense biases zero.
 */
public final class CharGruModel {
  private final LmConfig config;
  private final Variable<TFloat32> embedding;
  private final List<GruLayer> layers = new ArrayList<>();
  private final List<MaskedWeights> readout = new ArrayList<>();
  private final List<Variable<TFloat32>> readoutBiases = new ArrayList<>();

  /** The forward pass over T steps: logits time-major [T * batch, 256] and each layer's last state. */
  public record Forward(Operand<TFloat32> logits, List<Operand<TFloat32>> finalStates) {}

  /** Creates every variable; masked kernels go to {@code masks} in creation order. */
  public CharGruModel(Ops tf, MaskRegistry masks, LmConfig config) {
    this.config = config;
    Shape embeddingShape = Shape.of(ByteCorpus.VOCABULARY, config.embeddingSize());
    Operand<TFloat32> embeddingInit =
        WeightInitializer.glorotUniform()
            .create(tf, embeddingShape, tf.constant(new long[] {masks.seed(), StatelessSeeds.key(0, "embedding", "init")}));
    embedding = ScopedNames.variable(tf, "embedding", embeddingInit);
    int inputs = config.embeddingSize();
    for (int i = 0; i < config.gruLayers(); i++) {
      layers.add(new GruLayer(tf, masks, "rnn/multi_rnn_cell/cell_" + i + "/gru_cell", inputs, config.gruUnits()));
      inputs = config.gruUnits();
    }
    List<Integer> widths = new ArrayList<>(config.readoutUnits());
    widths.add(ByteCorpus.VOCABULARY);
    for (int k = 0; k < widths.size(); k++) {
      String scope = k < config.readoutUnits().size() ? "readout_" + (k + 1) : "logits";
      readout.add(masks.create(tf, scope, Shape.of(inputs, widths.get(k)), WeightInitializer.glorotUniform()));
      readoutBiases.add(
          ScopedNames.variable(tf, scope + "/biases", tf.zeros(tf.constant(new long[] {widths.get(k)}), TFloat32.class)));
      inputs = widths.get(k);
    }
  }

  public LmConfig config() {
    return config;
  }

  public List<GruLayer> layers() {
    return layers;
  }

  /** The trainable variables outside the mask registry: embedding and every bias. */
  public List<Variable<TFloat32>> unmaskedTrainables() {
    List<Variable<TFloat32>> all = new ArrayList<>();
    all.add(embedding);
    layers.forEach(l -> all.addAll(l.biases()));
    all.addAll(readoutBiases);
    return all;
  }

  /**
   * Runs {@code seqLen} steps over time-major byte ids [seqLen, batch] from the given per-layer states
   * [batch, units]. Layers run one after another over all steps (the same function as TF1's
   * MultiRNNCell stepping every layer per time step), so each layer's input products are batched.
   */
  public Forward forward(Ops tf, Operand<TInt32> inputs, List<? extends Operand<TFloat32>> initialStates, int seqLen) {
    Operand<TFloat32> x = tf.gather(embedding, tf.reshape(inputs, tf.constant(new int[] {-1})), tf.constant(0));
    List<Operand<TFloat32>> finals = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      GruLayer.Unrolled out = layers.get(i).unroll(tf, x, seqLen, initialStates.get(i));
      x = out.outputs();
      finals.add(out.finalState());
    }
    for (int k = 0; k < readout.size(); k++) {
      x = tf.nn.biasAdd(tf.linalg.matMul(x, readout.get(k).maskedWeights()), readoutBiases.get(k));
      if (k < readout.size() - 1 && config.readoutActivation().equals("relu")) {
        x = tf.nn.relu(x);
      }
    }
    return new Forward(x, finals);
  }

  /**
   * The same forward pass under {@code compute}: the graph above when every layer is masked, else
   * the layers in the transposed layout, activations {@code [features, T * batch]} and states
   * {@code [U, batch]}, so that each masked kernel can multiply over its nonzeros. The embedded
   * inputs and the states are transposed at the boundary, so callers see the same shapes.
   * {@code batch} sizes the products for {@code compute}'s routing only.
   */
  public Forward forward(Ops tf, Operand<TInt32> inputs, List<? extends Operand<TFloat32>> initialStates, int seqLen,
      SparseCompute compute, long batch) {
    if (compute.mode() == SparseComputeMode.MASKED) {
      return forward(tf, inputs, initialStates, seqLen);
    }
    Operand<TFloat32> x = tf.gather(embedding, tf.reshape(inputs, tf.constant(new int[] {-1})), tf.constant(0));
    Operand<TFloat32> xT = transpose(tf, x);
    List<Operand<TFloat32>> finals = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      GruLayer.Unrolled out =
          layers.get(i).unrollTransposed(tf, xT, seqLen, transpose(tf, initialStates.get(i)), compute, batch);
      xT = out.outputs();
      finals.add(transpose(tf, out.finalState()));
    }
    for (int k = 0; k < readout.size(); k++) {
      MaskedWeights kernel = readout.get(k);
      xT = tf.math.add(compute.productTransposed(tf, kernel, xT, batch * seqLen),
          GruLayer.column(tf, readoutBiases.get(k), kernel.shape().size(1)));
      if (k < readout.size() - 1 && config.readoutActivation().equals("relu")) {
        xT = tf.nn.relu(xT);
      }
    }
    return new Forward(transpose(tf, xT), finals);
  }

  private static Operand<TFloat32> transpose(Ops tf, Operand<TFloat32> x) {
    return tf.linalg.transpose(x, tf.constant(new int[] {1, 0}));
  }
}
