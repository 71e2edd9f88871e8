package org.rigl.core.sparsity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the command-line form of a custom sparsity map: {@code "name:s,name2:s2"}. */
public final class CustomSparsityMap {

  private CustomSparsityMap() {}

  /**
   * Parses {@code "name:s,name2:s2"} into an insertion-ordered map. Blank input gives an empty map. A name may
   * itself contain ':' (kernel names like {@code "conv1/kernel:0"}); the value follows the last ':'. Malformed
   * entries, duplicate names and sparsities outside [0, 1) are rejected with a one-line message.
   */
  public static Map<String, Double> parse(String text) {
    Map<String, Double> map = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return Collections.unmodifiableMap(map);
    }
    for (String rawEntry : text.split(",", -1)) {
      String entry = rawEntry.trim();
      int colon = entry.lastIndexOf(':');
      String name = colon < 0 ? "" : entry.substring(0, colon).trim();
      String value = colon < 0 ? "" : entry.substring(colon + 1).trim();
      if (name.isEmpty() || value.isEmpty()) {
        throw malformed(text, entry);
      }
      double sparsity;
      try {
        sparsity = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw malformed(text, entry);
      }
      SparsityCounts.checkSparsity(sparsity, "Custom sparsity of '" + name + "'");
      if (map.put(name, sparsity) != null) {
        throw new IllegalArgumentException("Duplicate name '" + name + "' in custom sparsity map '" + text + "'");
      }
    }
    return Collections.unmodifiableMap(map);
  }

  private static IllegalArgumentException malformed(String text, String entry) {
    return new IllegalArgumentException(
        "Malformed custom sparsity map entry '" + entry + "' in '" + text + "': expected name:sparsity[,name:sparsity]");
  }
}
