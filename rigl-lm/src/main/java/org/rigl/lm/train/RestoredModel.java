package org.rigl.lm.train;

import org.rigl.core.checkpoint.GraphVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.checkpoint.RestoredStateCheck;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.sparse.ComputeOptions;
import org.rigl.core.sparse.SparseCompute;
import org.rigl.core.sparse.SparseComputeMode;
import org.rigl.core.train.GlobalStep;
import org.rigl.lm.model.CharGruModel;
import org.rigl.lm.model.LmConfig;
import org.rigl.lm.model.LmGraph;
import org.rigl.lm.model.StatefulRunner;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TInt64;

/**
 * The model alone (no optimizer), unrolled over {@code seqLen} steps, with its variables and the
 * global step restored from a checkpoint written by training: for evaluation and sampling, with
 * the masked layers multiplying as {@link ComputeOptions} say (the training run's mode need not match).
 */
public final class RestoredModel implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final MaskRegistry masks = new MaskRegistry(0);
  private final LmGraph lm;
  private final List<Integer> units;
  private final long globalStep;

  public RestoredModel(LmConfig config, int seqLen, Path prefix) throws java.io.IOException {
    this(config, seqLen, prefix, ComputeOptions.DEFAULT, 1);
  }

  /** The model computing under {@code compute}; {@code batch}, the batch it runs, sizes products for auto's rule. */
  public RestoredModel(LmConfig config, int seqLen, Path prefix, ComputeOptions compute, long batch)
      throws java.io.IOException {
    if (!Files.isRegularFile(Path.of(prefix + ".index"))) {
      throw new IllegalArgumentException("no checkpoint at " + prefix + " (missing " + prefix.getFileName() + ".index)");
    }
    session = new Session(graph, SessionConfig.withoutGrappler(compute));
    Ops tf = Ops.create(graph);
    CharGruModel model = new CharGruModel(tf, masks, config);
    units = model.layers().stream().map(l -> l.units()).toList();
    SparseCompute sparseCompute = compute.sparseCompute() == SparseComputeMode.MASKED
        ? SparseCompute.masked()
        : SparseCompute.of(compute.sparseCompute(), sparsities(prefix), batch, compute.kernelThreads());
    lm = new LmGraph(tf, model, seqLen, sparseCompute, batch);
    Variable<TInt64> step = GlobalStep.create(tf);
    CheckpointSaver saver = new CheckpointSaver(tf, GraphVariables.all(graph));
    saver.restore(session, prefix.toString(), saver.variables().keySet());
    if (sparseCompute.any()) {
      session.run(sparseCompute.rebuildIndices(tf));
    }
    try (Result r = session.runner().fetch(step).run()) {
      globalStep = ((TInt64) r.get(0)).getLong();
    }
  }

  /** Each mask's fraction of zeros as the checkpoint holds it, by mask name: what auto's rule reads. */
  private Map<String, Double> sparsities(Path prefix) throws java.io.IOException {
    Map<String, Long> ones = RestoredStateCheck.check(prefix, GraphVariables.masksOnly());
    Map<String, Double> sparsities = new HashMap<>();
    for (MaskedWeights layer : masks.layers()) {
      Long count = ones.get(layer.maskName());
      if (count != null) {
        sparsities.put(layer.maskName(), 1 - (double) count / layer.shape().size());
      }
    }
    return sparsities;
  }

  public LmGraph graph() {
    return lm;
  }

  public Session session() {
    return session;
  }

  public MaskRegistry masks() {
    return masks;
  }

  public long globalStep() {
    return globalStep;
  }

  public StatefulRunner runner() {
    return new StatefulRunner(session, lm, units);
  }

  public LmEvaluator evaluator() {
    return new LmEvaluator(session, lm, units, masks);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
