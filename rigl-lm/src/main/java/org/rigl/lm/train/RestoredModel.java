package org.rigl.lm.train;

import org.rigl.core.checkpoint.GraphVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.mask.MaskRegistry;
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
 * global step restored from a checkpoint written by training: for evaluation and sampling.
 */
public final class RestoredModel implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session = new Session(graph, SessionConfig.withoutGrappler());
  private final MaskRegistry masks = new MaskRegistry(0);
  private final LmGraph lm;
  private final List<Integer> units;
  private final long globalStep;

  public RestoredModel(LmConfig config, int seqLen, Path prefix) throws java.io.IOException {
    if (!Files.isRegularFile(Path.of(prefix + ".index"))) {
      throw new IllegalArgumentException("no checkpoint at " + prefix + " (missing " + prefix.getFileName() + ".index)");
    }
    Ops tf = Ops.create(graph);
    CharGruModel model = new CharGruModel(tf, masks, config);
    units = model.layers().stream().map(l -> l.units()).toList();
    lm = new LmGraph(tf, model, seqLen);
    Variable<TInt64> step = GlobalStep.create(tf);
    CheckpointSaver saver = new CheckpointSaver(tf, GraphVariables.all(graph));
    saver.restore(session, prefix.toString(), saver.variables().keySet());
    try (Result r = session.runner().fetch(step).run()) {
      globalStep = ((TInt64) r.get(0)).getLong();
    }
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
