package org.rigl.lm.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.lm.data.ByteCorpus;
import org.rigl.lm.data.EvalBatches;

/**
 * {@code train-lm --mode=eval_once} (one checkpoint) and {@code --mode=eval} (every new checkpoint
 * until one reaches {@code train_steps}, as the reference's eval loop): bits per character of the
 * evaluation split, written to {@code eval_results.json} and to TensorBoard under {@code eval/}.
 */
public final class LmEvaluation {
  private final LmTrainOptions o;
  private final PrintStream log;

  public LmEvaluation(LmTrainOptions options, PrintStream log) {
    this.o = options;
    this.log = log;
  }

  /** Evaluates {@code OUTPUT_DIR/<prefix>}, or the latest checkpoint if {@code prefix} is empty. */
  public EvalResult once(String prefix) throws IOException {
    Path checkpoint;
    if (prefix == null || prefix.isEmpty()) {
      checkpoint = new CheckpointManager(o.outputDir(), 0).latest()
          .orElseThrow(() -> new IllegalArgumentException("no checkpoint in " + o.outputDir() + " to evaluate"));
    } else {
      checkpoint = o.outputDir().resolve(prefix);
    }
    ByteCorpus eval = corpus();
    try (EvalEvents events = new EvalEvents(o.outputDir().resolve("eval"))) {
      return evaluate(checkpoint, eval, events);
    }
  }

  /**
   * Evaluates each new latest checkpoint until one has reached {@code train_steps}; gives up after
   * {@code waitSeconds} without a new checkpoint.
   */
  public EvalResult loop(long waitSeconds, long pollMillis) throws IOException, InterruptedException {
    ByteCorpus eval = corpus();
    CheckpointManager checkpoints = new CheckpointManager(o.outputDir(), 0);
    Path last = null;
    EvalResult result = null;
    long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
    try (EvalEvents events = new EvalEvents(o.outputDir().resolve("eval"))) {
      while (true) {
        Optional<Path> latest = checkpoints.latest();
        if (latest.isPresent() && !latest.get().equals(last)) {
          last = latest.get();
          result = evaluate(last, eval, events);
          if (result.globalStep() >= o.trainSteps()) {
            return result;
          }
          deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        } else if (System.nanoTime() > deadline) {
          if (result == null) {
            throw new IllegalArgumentException("no checkpoint appeared in " + o.outputDir() + " within " + waitSeconds + " s");
          }
          log.printf("eval: no new checkpoint within %d s, stopping at step %d%n", waitSeconds, result.globalStep());
          return result;
        }
        Thread.sleep(pollMillis);
      }
    }
  }

  private ByteCorpus corpus() throws IOException {
    ByteCorpus eval = ByteCorpus.read(o.dataDir(), o.evalSplit()).head(o.evalBytes());
    new EvalBatches(eval, o.evalBatchSize(), o.seqLen());
    return eval;
  }

  private EvalResult evaluate(Path checkpoint, ByteCorpus eval, EvalEvents events) throws IOException {
    try (RestoredModel model = new RestoredModel(o.config(), o.seqLen(), checkpoint)) {
      EvalResult r = model.evaluator().evaluate(eval, o.evalSplit().flagName(), o.evalBatchSize(), model.globalStep(),
          checkpoint.getFileName().toString());
      EvalResultsFile.write(o.outputDir(), r);
      events.write(r);
      log.printf(Locale.ROOT, "eval of %s on %s (%d bytes): %.4f bits/char, sparsity %.4f%n",
          checkpoint.getFileName(), r.split(), r.tokens(), r.bitsPerChar(), r.sparsity());
      return r;
    }
  }
}
