package org.rigl.lm.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.train.ProgressLine;
import org.rigl.lm.data.ByteCorpus;
import org.rigl.lm.data.EvalBatches;
import org.rigl.lm.data.TrainBatches;
import org.rigl.lm.data.WikiTextSplit;

/**
 * {@code train-lm --mode=train}: trains from the latest checkpoint of the output directory (or from
 * scratch) to {@code train_steps}, checkpointing every {@code steps_per_checkpoint} steps and at
 * the end, then evaluates the final weights and writes {@code eval_results.json}.
 *
 * <p>Resuming restores every variable, the input position and the GRU state carried between
 * batches, so a resumed run continues exactly where the stopped one was.
 */
public final class LmTrainer {
  private final LmTrainOptions o;
  private final PrintStream log;

  public LmTrainer(LmTrainOptions options, PrintStream log) {
    this.o = options;
    this.log = log;
  }

  public EvalResult run() throws IOException {
    ByteCorpus train = ByteCorpus.read(o.dataDir(), WikiTextSplit.TRAIN);
    ByteCorpus eval = ByteCorpus.read(o.dataDir(), o.evalSplit()).head(o.evalBytes());
    TrainBatches batches = new TrainBatches(train, o.trainBatchSize(), o.seqLen(), o.sparse().seed());
    new EvalBatches(eval, o.evalBatchSize(), o.seqLen());
    ModelDescription.checkOrWrite(o.outputDir(), o.config());
    CheckpointManager checkpoints = new CheckpointManager(o.outputDir(), o.keepCheckpointMax());
    try (LmTrainingSession s = new LmTrainingSession(o, o.outputDir());
        EvalEvents events = new EvalEvents(o.outputDir().resolve("eval"))) {
      Optional<Path> latest = checkpoints.latest();
      if (latest.isPresent()) {
        s.restore(latest.get());
        log.printf("train-lm: resumed from %s%n", latest.get().getFileName());
      } else {
        s.initialiseFresh();
      }
      long step = s.globalStep();
      long consumed = s.batchesConsumed();
      long first = step;
      long saved = latest.isPresent() ? step : -1;
      long evaluated = -1;
      log.printf(Locale.ROOT, "train-lm: %s, %d train bytes, %d steps of %d x %d bytes, unigram entropy %.3f bits%n",
          o.sparse().trainingMethod(), train.size(), o.trainSteps(), o.trainBatchSize(), o.seqLen(),
          train.unigramEntropyBits());
      ProgressLine progress = new ProgressLine(log, "train-lm", Math.max(1, o.trainSteps() - first));
      while (step < o.trainSteps()) {
        boolean summarise = (step + 1) % o.summarySteps() == 0;
        LmTrainingSession.StepResult r = s.step(batches.batch(consumed), summarise);
        consumed++;
        step = r.globalStep();
        progress.update(step - first, "tokens", (double) o.trainBatchSize() * o.seqLen(),
            String.format(Locale.ROOT, "loss %.4f  %.3f bits/char", r.loss(), r.bitsPerChar()));
        if (step % o.stepsPerCheckpoint() == 0 && step != saved && step != first) {
          s.save(checkpoints, step, consumed);
          saved = step;
        }
        if (o.stepsPerEval() > 0 && step % o.stepsPerEval() == 0 && step < o.trainSteps() && step != evaluated) {
          report(evaluate(s, eval, step, saved), events);
          evaluated = step;
        }
      }
      if (step != saved) {
        s.save(checkpoints, step, consumed);
        saved = step;
      }
      EvalResult result = evaluate(s, eval, step, saved);
      report(result, events);
      return result;
    }
  }

  private EvalResult evaluate(LmTrainingSession s, ByteCorpus eval, long step, long saved) {
    String checkpoint = saved == step ? CheckpointManager.BASENAME + "-" + step : "";
    return s.evaluate(eval, o.evalSplit().flagName(), o.evalBatchSize(), checkpoint);
  }

  private void report(EvalResult r, EvalEvents events) throws IOException {
    EvalResultsFile.write(o.outputDir(), r);
    events.write(r);
    log.printf(Locale.ROOT, "eval at step %d on %s (%d bytes): %.4f bits/char, sparsity %.4f%n",
        r.globalStep(), r.split(), r.tokens(), r.bitsPerChar(), r.sparsity());
  }
}
