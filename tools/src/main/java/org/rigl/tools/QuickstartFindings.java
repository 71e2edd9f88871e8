package org.rigl.tools;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Two sentences that say what a quickstart's numbers show, worked out from them: which method is
 * most accurate and whether its lead is larger than the seed-to-seed spread, and how many hidden
 * units RigL leaves live compared with SET (or, without both, which sparse method keeps the fewest).
 */
final class QuickstartFindings {
  private QuickstartFindings() {}

  static List<String> of(List<MethodSeeds> methods) {
    return List.of(ranking(methods), liveUnits(methods));
  }

  static String ranking(List<MethodSeeds> methods) {
    List<MethodSeeds> ranked = methods.stream()
        .sorted(Comparator.comparingDouble((MethodSeeds m) -> m.accuracy().mean()).reversed()).toList();
    MethodSeeds best = ranked.get(0);
    SeedSpread b = best.accuracy();
    String seeds = b.seeds() == 1 ? "one seed" : "mean of " + b.seeds() + " seeds";
    if (ranked.size() == 1) {
      return String.format(Locale.ROOT, "Only %s was trained: %.2f%% test accuracy (%s).", best.method(), 100 * b.mean(), seeds);
    }
    MethodSeeds next = ranked.get(1);
    SeedSpread n = next.accuracy();
    double gap = 100 * (b.mean() - n.mean());
    String lead = String.format(Locale.ROOT, "%s is the most accurate at %.2f%% (%s), %.2f points above %s (%.2f%%)",
        best.method(), 100 * b.mean(), seeds, gap, next.method(), 100 * n.mean());
    if (b.seeds() == 1) {
      return lead + "; one seed has no spread, so this order may be chance (use --seeds to measure it).";
    }
    double spread = 100 * Math.max(b.std(), n.std());
    if (spread == 0) {
      return lead + "; every seed gave the same accuracy, so the lead is not seed noise.";
    }
    double ratio = gap / spread;
    String verdict = ratio >= 2 ? "a clear lead"
        : ratio >= 1 ? "a lead larger than the noise but not settled by " + b.seeds() + " seeds"
        : "within the noise, so these seeds do not separate the two";
    return lead + String.format(Locale.ROOT, "; the gap is %.1f times the larger seed spread (standard deviation %.2f points): %s.",
        ratio, spread, verdict);
  }

  static String liveUnits(List<MethodSeeds> methods) {
    Optional<MethodSeeds> rigl = named(methods, "rigl");
    Optional<MethodSeeds> set = named(methods, "set");
    if (rigl.isPresent() && set.isPresent()) {
      double r = rigl.get().liveHiddenUnits();
      double s = set.get().liveHiddenUnits();
      double accuracyGap = 100 * (rigl.get().accuracy().mean() - set.get().accuracy().mean());
      String accuracy = String.format(Locale.ROOT, "%s SET by %.2f points", accuracyGap < 0 ? "trails" : "leads", Math.abs(accuracyGap));
      if (Math.round(r) < Math.round(s)) {
        return String.format(Locale.ROOT,
            "RigL ends with %.0f fewer live hidden units than SET (%s vs %s): a unit whose outgoing connections were all "
                + "dropped passes back no gradient, so RigL, which grows where the gradient is largest, does not regrow "
                + "it, while SET regrows at random; here RigL %s.",
            s - r, rigl.get().liveUnitsText(), set.get().liveUnitsText(), accuracy);
      }
      String comparison = Math.round(r) == Math.round(s) ? "as many live hidden units as"
          : String.format(Locale.ROOT, "%.0f more live hidden units than", r - s);
      return String.format(Locale.ROOT, "RigL ends with %s SET (%s vs %s) and %s.", comparison,
          rigl.get().liveUnitsText(), set.get().liveUnitsText(), accuracy);
    }
    List<MethodSeeds> sparse = methods.stream().filter(m -> m.first().sparsity() > 0)
        .sorted(Comparator.comparingDouble(MethodSeeds::liveHiddenUnits)).toList();
    if (sparse.isEmpty()) {
      return "Dense networks keep every unit live; train a sparse method to see units die.";
    }
    if (sparse.size() == 1) {
      return String.format(Locale.ROOT, "The only sparse method, %s, ends with %s live units per layer.", sparse.get(0).method(),
          sparse.get(0).liveUnitsText());
    }
    MethodSeeds fewest = sparse.get(0);
    MethodSeeds most = sparse.get(sparse.size() - 1);
    return String.format(Locale.ROOT, "Of the sparse methods, %s keeps the fewest hidden units live (%s) and %s the most (%s).",
        fewest.method(), fewest.liveUnitsText(), most.method(), most.liveUnitsText());
  }

  private static Optional<MethodSeeds> named(List<MethodSeeds> methods, String name) {
    return methods.stream().filter(m -> m.method().equals(name)).findFirst();
  }
}
