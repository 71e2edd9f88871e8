package org.rigl.imagenet.train;

import com.google.gson.GsonBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation of one checkpoint, as {@code eval_results.json} holds it.
 *
 * @param metrics the task's metrics in order, e.g. {@code eval_accuracy}, {@code top_5_eval_accuracy},
 *     {@code cross_loss}, {@code reg_loss} (CIFAR: {@code eval_accuracy}, {@code loss})
 * @param sparsity every mask's fraction of zeros, by mask name
 */
public record EvalResults(long globalStep, Map<String, Double> metrics, Map<String, Double> sparsity) {
  /** The reference scripts' (TPUEstimator's) name for the top-1 accuracy. */
  public static final String EVAL_ACCURACY = "eval_accuracy";
  public static final String TOP_5_EVAL_ACCURACY = "top_5_eval_accuracy";

  public EvalResults {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    sparsity = Collections.unmodifiableMap(new LinkedHashMap<>(sparsity));
  }

  /** {@code eval_results.json}: the step, the metrics in order, the evaluated checkpoint's name and the masks' sparsity. */
  public String toJson(String checkpoint) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("global_step", globalStep);
    json.putAll(metrics);
    json.put("checkpoint", checkpoint);
    json.put("sparsity", sparsity);
    return new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n";
  }

  /** The top-1 accuracy every task reports. */
  public double top1() {
    return metrics.get(EVAL_ACCURACY);
  }
}
