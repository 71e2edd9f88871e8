package org.rigl.core.train.loop;

import java.io.PrintStream;
import java.util.function.Function;
import org.rigl.core.train.ProgressLine;

/**
 * How a driver's progress line reads: where it goes, its label, the unit of throughput and the
 * loss message. {@code countsFromResume}: the line counts the steps of this run (a resumed run
 * starts at 0 of the steps left) rather than global steps.
 */
public record ProgressFormat(
    PrintStream out, String label, String unit, double unitsPerStep, boolean countsFromResume,
    Function<StepResult, String> message) {

  /** A progress line for a run from global step {@code first} to {@code until}. */
  Progress start(long first, long until) {
    long total = countsFromResume ? Math.max(1, until - first) : until;
    ProgressLine line = new ProgressLine(out, label, total);
    return r -> line.update(countsFromResume ? r.globalStep() - first : Math.max(r.globalStep(), first), unit,
        unitsPerStep, message.apply(r));
  }

  /** One run's progress line. */
  interface Progress {
    void update(StepResult r);
  }
}
