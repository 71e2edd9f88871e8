package org.rigl.lm.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.sparse.SparseComputeMode;
import org.rigl.core.train.loop.CheckpointCadence;
import org.rigl.core.train.loop.CheckpointPoller;
import org.rigl.core.train.loop.EvalResultsFile;
import org.rigl.core.train.loop.EvaluationCadence;
import org.rigl.core.train.loop.ProgressFormat;
import org.rigl.core.train.loop.SummaryCadence;
import org.rigl.core.train.loop.TrainingListener;
import org.rigl.core.train.loop.TrainingLoop;
import org.rigl.lm.data.ByteCorpus;
import org.rigl.lm.data.EvalBatches;
import org.rigl.lm.data.TrainBatches;
import org.rigl.lm.data.WikiTextSplit;

/**
 * {@code train-lm}'s modes. {@code train}: from the latest checkpoint of the output directory (or
 * from scratch) to {@code train_steps}, checkpointing every {@code steps_per_checkpoint} steps and
 * at the end, then evaluating the final weights. Resuming restores every variable, the input
 * position and the GRU state carried between batches, so a resumed run continues exactly where the
 * stopped one was. {@code eval_once} (one checkpoint) and {@code eval} (every new checkpoint until
 * one reaches {@code train_steps}): bits per character of the evaluation split. Every evaluation
 * goes to {@code eval_results.json} and to TensorBoard under {@code eval/}.
 */
public final class LmRun {
  private final LmTrainOptions o;
  private final PrintStream log;

  public LmRun(LmTrainOptions options, PrintStream log) {
    this.o = options;
    this.log = log;
  }

  /** {@code --mode=train}; returns the evaluation of the final weights. */
  public EvalResult train() throws IOException {
    ByteCorpus train = ByteCorpus.read(o.dataDir(), WikiTextSplit.TRAIN);
    ByteCorpus eval = ByteCorpus.read(o.dataDir(), o.evalSplit()).head(o.evalBytes());
    TrainBatches batches = new TrainBatches(train, o.trainBatchSize(), o.seqLen(), o.sparse().seed());
    new EvalBatches(eval, o.evalBatchSize(), o.seqLen());
    ModelDescription.checkOrWrite(o.outputDir(), o.config());
    ProgressFormat progress = new ProgressFormat(log, "train-lm", "tokens", (double) o.trainBatchSize() * o.seqLen(), true,
        r -> String.format(Locale.ROOT, "loss %.4f  %.3f bits/char", r.loss(), LmSession.bitsPerChar(r.loss())));
    TrainingReport report = new TrainingReport(train);
    new TrainingLoop<LmSession, EvalResult>(() -> new LmSession(o, o.outputDir(), batches),
        new CheckpointManager(o.outputDir(), o.keepCheckpointMax()), CheckpointCadence.multiplesOf(o.stepsPerCheckpoint()),
        SummaryCadence.endingAtMultiplesOf(o.summarySteps()), progress)
        .evaluating(EvaluationCadence.multiplesBeforeEndThenEnd(o.stepsPerEval()), (s, step, checkpoint) ->
            s.evaluate(eval, o.evalSplit().flagName(), o.evalBatchSize(),
                checkpoint.map(p -> p.getFileName().toString()).orElse("")))
        .listener(report)
        .train(o.trainSteps());
    return report.last;
  }

  /** {@code --mode=eval_once}: {@code OUTPUT_DIR/<prefix>}, or the latest checkpoint if {@code prefix} is empty. */
  public EvalResult evaluateOnce(String prefix) throws IOException {
    Path checkpoint;
    if (prefix == null || prefix.isEmpty()) {
      checkpoint = new CheckpointManager(o.outputDir(), 0).latest()
          .orElseThrow(() -> new IllegalArgumentException("no checkpoint in " + o.outputDir() + " to evaluate"));
    } else {
      checkpoint = o.outputDir().resolve(prefix);
    }
    ByteCorpus eval = evalCorpus();
    try (EvalEvents events = new EvalEvents(o.outputDir().resolve("eval"))) {
      return evaluate(checkpoint, eval, events);
    }
  }

  /**
   * {@code --mode=eval}: evaluates each new latest checkpoint until one has reached
   * {@code train_steps}; gives up after {@code waitSeconds} without a new checkpoint.
   */
  public EvalResult evaluateUntilTrained(long waitSeconds, long pollMillis) throws IOException {
    ByteCorpus eval = evalCorpus();
    try (EvalEvents events = new EvalEvents(o.outputDir().resolve("eval"))) {
      return new CheckpointPoller(o.outputDir(), pollMillis, OptionalLong.of(waitSeconds), log)
          .evaluateUntil(o.trainSteps(), checkpoint -> evaluate(checkpoint, eval, events), EvalResult::globalStep);
    }
  }

  private ByteCorpus evalCorpus() throws IOException {
    ByteCorpus eval = ByteCorpus.read(o.dataDir(), o.evalSplit()).head(o.evalBytes());
    new EvalBatches(eval, o.evalBatchSize(), o.seqLen());
    return eval;
  }

  private EvalResult evaluate(Path checkpoint, ByteCorpus eval, EvalEvents events) throws IOException {
    try (RestoredModel model = new RestoredModel(o.config(), o.seqLen(), checkpoint, o.compute(), o.evalBatchSize())) {
      EvalResult r = model.evaluator().evaluate(eval, o.evalSplit().flagName(), o.evalBatchSize(), model.globalStep(),
          checkpoint.getFileName().toString());
      record(r, events);
      log.printf(Locale.ROOT, "eval of %s on %s (%d bytes): %.4f bits/char, sparsity %.4f%n",
          checkpoint.getFileName(), r.split(), r.tokens(), r.bitsPerChar(), r.sparsity());
      return r;
    }
  }

  private void record(EvalResult r, EvalEvents events) throws IOException {
    EvalResultsFile.write(o.outputDir(), r.toJson());
    events.write(r);
  }

  /** train-lm's lines around training, and its evaluations' file, events and lines. */
  private final class TrainingReport implements TrainingListener<LmSession, EvalResult> {
    private final ByteCorpus train;
    private EvalEvents events;
    private EvalResult last;

    TrainingReport(ByteCorpus train) {
      this.train = train;
    }

    @Override
    public void started(LmSession s, long step, Optional<Path> resumedFrom) {
      events = new EvalEvents(o.outputDir().resolve("eval"));
      resumedFrom.ifPresent(p -> log.printf("train-lm: resumed from %s%n", p.getFileName()));
      log.printf(Locale.ROOT, "train-lm: %s, %d train bytes, %d steps of %d x %d bytes, unigram entropy %.3f bits%n",
          o.sparse().trainingMethod(), train.size(), o.trainSteps(), o.trainBatchSize(), o.seqLen(),
          train.unigramEntropyBits());
      if (s.compute().mode() != SparseComputeMode.MASKED) {
        log.printf("train-lm: %s%n", s.compute().describe(s.masks().layers()));
      }
    }

    @Override
    public void evaluated(LmSession s, long step, EvalResult r) throws IOException {
      record(r, events);
      log.printf(Locale.ROOT, "eval at step %d on %s (%d bytes): %.4f bits/char, sparsity %.4f%n",
          r.globalStep(), r.split(), r.tokens(), r.bitsPerChar(), r.sparsity());
      last = r;
    }

    @Override
    public void close() {
      if (events != null) {
        events.close();
      }
    }
  }
}
