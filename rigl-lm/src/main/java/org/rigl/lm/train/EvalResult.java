package org.rigl.lm.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One evaluation: mean next-byte cross-entropy over every target of the split, in nats and in
 * bits per character ({@code cross-entropy / ln 2}), with each mask's sparsity under the
 * reference's metric name {@code pruning/<mask>/sparsity}; {@code sparsity} is the zero fraction of
 * all masks together.
 */
public record EvalResult(
    long globalStep,
    String split,
    long tokens,
    double crossEntropy,
    double sparsity,
    LinkedHashMap<String, Double> maskSparsity,
    String checkpoint) {

  public double bitsPerChar() {
    return crossEntropy / Math.log(2);
  }

  /** The flat JSON object written to {@code OUTPUT_DIR/eval_results.json}. */
  public String toJson() {
    StringBuilder json = new StringBuilder("{\n");
    json.append(String.format(Locale.ROOT, "  \"global_step\": %d,%n", globalStep));
    json.append(String.format(Locale.ROOT, "  \"bits_per_char\": %.9f,%n", bitsPerChar()));
    json.append(String.format(Locale.ROOT, "  \"cross_entropy\": %.9f,%n", crossEntropy));
    json.append(String.format(Locale.ROOT, "  \"sparsity\": %.9f,%n", sparsity));
    json.append(String.format(Locale.ROOT, "  \"split\": \"%s\",%n", split));
    json.append(String.format(Locale.ROOT, "  \"tokens\": %d,%n", tokens));
    json.append(String.format(Locale.ROOT, "  \"checkpoint\": \"%s\"", checkpoint == null ? "" : checkpoint));
    for (Map.Entry<String, Double> e : maskSparsity.entrySet()) {
      json.append(String.format(Locale.ROOT, ",%n  \"pruning/%s/sparsity\": %.9f", e.getKey(), e.getValue()));
    }
    return json.append("\n}\n").toString();
  }
}
