package org.rigl.lm.train;

import java.nio.file.Path;
import org.rigl.core.train.SummaryWriter;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * TensorBoard events of evaluations in {@code OUTPUT_DIR/eval}, as TF1's Estimator keeps them
 * apart from training's: bits_per_char, cross_entropy and global sparsity at the evaluated step.
 * A graph of its own, so evaluations never touch the model's graph.
 */
public final class EvalEvents implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session = new Session(graph);
  private final Placeholder<TInt64> step;
  private final Placeholder<TFloat32> bitsPerChar;
  private final Placeholder<TFloat32> crossEntropy;
  private final Placeholder<TFloat32> sparsity;
  private final SummaryWriter writer;

  public EvalEvents(Path dir) {
    Ops tf = Ops.create(graph);
    step = tf.placeholder(TInt64.class);
    bitsPerChar = tf.placeholder(TFloat32.class);
    crossEntropy = tf.placeholder(TFloat32.class);
    sparsity = tf.placeholder(TFloat32.class);
    writer = new SummaryWriter(tf, dir, step)
        .scalar("bits_per_char", bitsPerChar)
        .scalar("cross_entropy", crossEntropy)
        .scalar("sparsity", sparsity);
    writer.open(session);
  }

  public void write(EvalResult r) {
    try (TInt64 s = TInt64.scalarOf(r.globalStep());
        TFloat32 bpc = TFloat32.scalarOf((float) r.bitsPerChar());
        TFloat32 ce = TFloat32.scalarOf((float) r.crossEntropy());
        TFloat32 sp = TFloat32.scalarOf((float) r.sparsity())) {
      session.runner().feed(step, s).feed(bitsPerChar, bpc).feed(crossEntropy, ce).feed(sparsity, sp)
          .addTarget(writer.writeOp()).run();
    }
    writer.flush(session);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
