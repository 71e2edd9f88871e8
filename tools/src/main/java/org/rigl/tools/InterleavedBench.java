package org.rigl.tools;

import org.rigl.core.io.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The benchmarks' shared method: every method's trainer is live at once and they take their timed
 * steps in turn (which one goes first rotates), so a change of load on a shared machine hits them
 * alike; per-round ratios to the first method and medians over rounds are reported.
 */
final class InterleavedBench {
  /** One method's live training step. */
  interface Stepper extends AutoCloseable {
    void step();

    @Override
    void close();
  }

  private final List<String> methods;
  private final Map<String, double[]> rates = new LinkedHashMap<>();
  private final Map<String, double[]> ratios = new LinkedHashMap<>();
  private final int rounds;

  InterleavedBench(List<String> methods, int rounds) {
    if (methods.isEmpty() || rounds <= 0) {
      throw new IllegalArgumentException("--methods must name at least one method and --rounds must be positive");
    }
    this.methods = List.copyOf(methods);
    this.rounds = rounds;
    methods.forEach(m -> rates.put(m, new double[rounds]));
    methods.forEach(m -> ratios.put(m, new double[rounds]));
  }

  /**
   * Times {@code steps} steps of each stepper (one per method, in order), taken in turn; records
   * {@code itemsPerStep / seconds per step} for round {@code round}, closes the steppers, and
   * returns the rates.
   */
  double[] round(int round, List<? extends Stepper> steppers, int steps, double itemsPerStep) {
    try {
      double[] seconds = new double[steppers.size()];
      for (int i = 0; i < steps; i++) {
        for (int j = 0; j < steppers.size(); j++) {
          int m = (i + j) % steppers.size();
          long start = System.nanoTime();
          steppers.get(m).step();
          seconds[m] += (System.nanoTime() - start) / 1e9;
        }
      }
      double[] perSecond = new double[steppers.size()];
      for (int m = 0; m < steppers.size(); m++) {
        perSecond[m] = steps * itemsPerStep / seconds[m];
      }
      record(round, perSecond);
      return perSecond;
    } finally {
      steppers.forEach(Stepper::close);
    }
  }

  /** Records one round's rates, one per method in order. */
  void record(int round, double[] perSecond) {
    for (int i = 0; i < methods.size(); i++) {
      rates.get(methods.get(i))[round] = perSecond[i];
      ratios.get(methods.get(i))[round] = perSecond[i] / perSecond[0];
    }
  }

  /** The markdown table: median rate and median per-round ratio to the first method. */
  List<String> table(String unit) {
    List<String> rows = new ArrayList<>();
    rows.add("| method | " + unit + " (median of " + rounds + " rounds) | ratio to " + methods.get(0)
        + " (median of per-round ratios) |");
    rows.add("|---|---|---|");
    for (String m : methods) {
      rows.add(String.format(Locale.ROOT, "| %s | %s | %.2f |", m, rate(median(rates.get(m))), median(ratios.get(m))));
    }
    return rows;
  }

  private static String rate(double r) {
    return r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.3g", r);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Appends a section (header text, then the table) to a markdown file, atomically. */
  static void append(Path file, String header, List<String> rows) throws IOException {
    String old = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
    DurableFiles.writeAtomically(file, old + header + String.join("\n", rows) + "\n");
  }

  /** {@code ./rigl NAME ARGS...} as the user typed it, for the record. */
  static String commandLine(CommandSpec spec) {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    int at = args.indexOf(spec.name());
    return "./rigl " + spec.name() + (args.size() > at + 1 ? " " + String.join(" ", args.subList(at + 1, args.size())) : "");
  }
}
