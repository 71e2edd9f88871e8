package org.rigl.lm.train;

import java.util.LinkedHashMap;
import java.util.List;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.lm.data.ByteCorpus;
import org.rigl.lm.data.EvalBatches;
import org.rigl.lm.model.LmGraph;
import org.rigl.lm.model.StatefulRunner;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Bits per character of a split with the model in a session, every target scored once. */
public final class LmEvaluator {
  private final Session session;
  private final LmGraph graph;
  private final List<Integer> units;
  private final MaskRegistry masks;

  public LmEvaluator(Session session, LmGraph graph, List<Integer> units, MaskRegistry masks) {
    this.session = session;
    this.graph = graph;
    this.units = units;
    this.masks = masks;
  }

  public EvalResult evaluate(ByteCorpus corpus, String split, int batchSize, long globalStep, String checkpoint) {
    EvalBatches batches = new EvalBatches(corpus, batchSize, graph.seqLen);
    StatefulRunner runner = new StatefulRunner(session, graph, units);
    double crossEntropy = 0;
    double tokens = 0;
    for (int w = 0; w < batches.count(); w++) {
      try (Result r = runner.run(batches.batch(w), List.of(graph.crossEntropySum, graph.weightSum), List.of())) {
        crossEntropy += ((TFloat32) r.get(0)).getFloat();
        tokens += ((TFloat32) r.get(1)).getFloat();
      }
    }
    LinkedHashMap<String, Double> perMask = maskSparsity(session, masks);
    double zeros = 0;
    long total = 0;
    for (MaskedWeights layer : masks.layers()) {
      zeros += perMask.get(layer.maskName()) * layer.shape().size();
      total += layer.shape().size();
    }
    return new EvalResult(globalStep, split, (long) tokens, crossEntropy / tokens, total == 0 ? 0 : zeros / total, perMask, checkpoint);
  }

  /** Fraction of zeros of every mask, by mask name (TF's zero_fraction). */
  public static LinkedHashMap<String, Double> maskSparsity(Session session, MaskRegistry masks) {
    LinkedHashMap<String, Double> out = new LinkedHashMap<>();
    for (MaskedWeights layer : masks.layers()) {
      try (Tensor t = session.runner().fetch(layer.mask()).run().get(0)) {
        float[] values = new float[Math.toIntExact(layer.shape().size())];
        ((TFloat32) t).copyTo(DataBuffers.of(values, false, false));
        long zeros = 0;
        for (float v : values) {
          zeros += v == 0 ? 1 : 0;
        }
        out.put(layer.maskName(), (double) zeros / values.length);
      }
    }
    return out;
  }
}
