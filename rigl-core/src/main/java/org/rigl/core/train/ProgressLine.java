package org.rigl.core.train;

import java.io.PrintStream;

/** A one-line, self-overwriting progress report: step, rate, ETA, plus a caller's message. */
public final class ProgressLine {
  private final PrintStream out;
  private final String label;
  private final long total;
  private final long start = System.nanoTime();
  private long lastPrint;

  public ProgressLine(PrintStream out, String label, long total) {
    this.out = out;
    this.label = label;
    this.total = total;
  }

  /** Prints at most a few times a second, and always for the last step. */
  public void update(long done, String unit, double unitsPerStep, String message) {
    long now = System.nanoTime();
    if (done < total && now - lastPrint < 250_000_000L) {
      return;
    }
    lastPrint = now;
    double seconds = (now - start) / 1e9;
    double stepsPerSecond = done / Math.max(seconds, 1e-9);
    String eta = "--:--";
    if (done > 0) {
      long left = Math.round((total - done) / stepsPerSecond);
      eta = left >= 3600 ? String.format("%d:%02d:%02d", left / 3600, left / 60 % 60, left % 60)
          : String.format("%d:%02d", left / 60, left % 60);
    }
    out.printf("\r%s step %d/%d  %.0f %s/s  ETA %s  %s   ", label, done, total, stepsPerSecond * unitsPerStep, unit, eta,
        message);
    if (done >= total) {
      out.println();
    }
    out.flush();
  }
}
