package org.rigl.lm.train;

import java.util.LinkedHashMap;
import java.util.List;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskStatistics;
import org.rigl.lm.data.ByteCorpus;
import org.rigl.lm.data.EvalBatches;
import org.rigl.lm.model.LmGraph;
import org.rigl.lm.model.StatefulRunner;
import org.tensorflow.Result;
import org.tensorflow.Session;
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
    LinkedHashMap<String, Double> perMask = MaskStatistics.zeroFractions(session, masks);
    double sparsity = MaskStatistics.sizeWeightedZeroFraction(perMask, masks);
    return new EvalResult(globalStep, split, (long) tokens, crossEntropy / tokens, sparsity, perMask, checkpoint);
  }
}
