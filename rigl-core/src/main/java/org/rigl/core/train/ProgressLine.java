package org.rigl.core.train;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Progress of long work: step, rate, ETA, plus a caller's message. On a terminal it is one
 * self-overwriting line, redrawn a few times a second; into a file or pipe (a job's log) it is a
 * full line every {@link #LOG_INTERVAL_NANOS}, so a days-long run's log stays readable and small.
 */
public final class ProgressLine {
  /** How often a non-interactive progress line is written. */
  static final long LOG_INTERVAL_NANOS = 30_000_000_000L;
  private static final long REDRAW_INTERVAL_NANOS = 250_000_000L;

  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean interactive;
  private final LongSupplier clock;
  private final long start;
  private long lastPrint;
  private boolean printed;

  /** Interactive when this JVM runs in a terminal. */
  public ProgressLine(PrintStream out, String label, long total) {
    this(out, label, total, System.console() != null, System::nanoTime);
  }

  ProgressLine(PrintStream out, String label, long total, boolean interactive, LongSupplier clock) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.interactive = interactive;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  /** Reports {@code done} of the total steps; prints if its interval has passed, and always for the last step. */
  public void update(long done, String unit, double unitsPerStep, String message) {
    long now = clock.getAsLong();
    long interval = interactive ? REDRAW_INTERVAL_NANOS : LOG_INTERVAL_NANOS;
    if (done < total && printed && now - lastPrint < interval) {
      return;
    }
    printed = true;
    lastPrint = now;
    double seconds = (now - start) / 1e9;
    double stepsPerSecond = done / Math.max(seconds, 1e-9);
    String eta = "--:--";
    if (done > 0) {
      long left = Math.round((total - done) / stepsPerSecond);
      eta = left >= 3600 ? String.format("%d:%02d:%02d", left / 3600, left / 60 % 60, left % 60)
          : String.format("%d:%02d", left / 60, left % 60);
    }
    String line = String.format("%s step %d/%d  %.0f %s/s  ETA %s  %s", label, done, total,
        stepsPerSecond * unitsPerStep, unit, eta, message);
    if (interactive) {
      out.print("\r" + line + "   ");
      if (done >= total) {
        out.println();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }
}
