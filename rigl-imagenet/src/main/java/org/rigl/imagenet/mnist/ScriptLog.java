package org.rigl.imagenet.mnist;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskStatistics;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.loop.TrainingListener;

/**
 * mnist_train_eval.py's output at each evaluation: its summaries, its per-epoch line and, for masked
 * networks, the compressed-shape report, on the console and in its {@link RunLog}.
 */
final class ScriptLog implements TrainingListener<MnistSession, MnistEvaluation> {
  static final String MASKED_HEADER = "Epoch,Iteration,Test loss,Test accuracy,G_Sparsity,Sparsity Layer 0,Sparsity Layer 1";
  static final String DENSE_HEADER = "Epoch Epoch time Test loss Test accuracy";

  private final MnistFlags flags;
  private final PrintStream console;
  private final long batchesPerEpoch;
  private RunLog runLog;
  private long epochStart;

  ScriptLog(MnistFlags flags, PrintStream console, long batchesPerEpoch) {
    this.flags = flags;
    this.console = console;
    this.batchesPerEpoch = batchesPerEpoch;
  }

  @Override
  public void started(MnistSession s, long step, Optional<Path> resumedFrom) throws IOException {
    runLog = RunLog.create(console, flags.savePath(), flags);
    // The dense branch prints its header before opening the log file, so only the console has it.
    if (flags.usesMasks()) {
      runLog.line(MASKED_HEADER);
    } else {
      runLog.consoleOnly(DENSE_HEADER);
    }
    epochStart = System.nanoTime();
  }

  @Override
  public void evaluated(MnistSession s, long step, MnistEvaluation result) throws IOException {
    long iteration = step - 1;
    s.evaluationSummaries().write(s.session(), iteration, result.testAccuracy());
    logEpoch(s, iteration, result, (System.nanoTime() - epochStart) / 1e9);
    epochStart = System.nanoTime();
  }

  /** The script's per-epoch line and, for masked networks, the compressed-shape report. */
  private void logEpoch(MnistSession s, long iteration, MnistEvaluation result, double seconds) throws IOException {
    long epoch = iteration / batchesPerEpoch;
    if (!flags.usesMasks()) {
      runLog.line(String.format(Locale.ROOT, "%d, %.4f, %.4f, %.4f", epoch, seconds, result.testLoss(),
          result.testAccuracy()));
      return;
    }
    MaskRegistry masks = s.masks();
    List<float[]> maskValues = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    double[] layerSparsity = new double[masks.layers().size()];
    for (int l = 0; l < masks.layers().size(); l++) {
      MaskedWeights layer = masks.layers().get(l);
      float[] m = OutcomeRecorder.values(s.session(), layer.mask());
      layerSparsity[l] = MaskStatistics.zeroFraction(m);
      maskValues.add(m);
      shapes.add(layer.shape().asArray());
    }
    runLog.line(String.format(Locale.ROOT, "%d, %d, %.4f, %.4f, %.4f, %.4f, %.4f", epoch, iteration, result.testLoss(),
        result.testAccuracy(), MaskStatistics.zeroFraction(maskValues), layerSparsity[0], layerSparsity[1]));
    CompressedFc compressed = CompressedFc.of(maskValues, shapes);
    runLog.line("[COMPRESSED SPARSITIES/SHAPE]: " + compressed.sparsitiesText() + " " + compressed.sizes());
  }

  @Override
  public void close() throws IOException {
    if (runLog != null) {
      runLog.close();
    }
  }
}
