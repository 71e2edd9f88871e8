package org.rigl.imagenet.cifar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@code create_eval_metrics}'s {@code class_level_summaries}: for each CIFAR-10 class,
 * {@code precision_at_k} and {@code recall_at_k} with {@code k=1} (recall is the class's accuracy).
 * Those are streaming ratios of counts over the whole evaluation, so each batch yields counts
 * (true positives, predictions, labels of the class) and the ratios are taken of their averages.
 */
final class ClassLevelMetrics {
  /** resnet_train_eval.CLASSES: the metrics' names, for class ids 0..9. */
  static final List<String> CLASSES =
      List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
  private static final String PREFIX = "class_level_summaries/";

  private ClassLevelMetrics() {}

  /** Per-class batch counts, keyed by private names that {@link #ratios} turns into the metrics. */
  static Map<String, Operand<TFloat32>> batchCounts(Ops tf, Operand<TInt32> predictions, Operand<TInt32> labels) {
    Map<String, Operand<TFloat32>> counts = new LinkedHashMap<>();
    for (int i = 0; i < CLASSES.size(); i++) {
      Operand<TFloat32> predicted = isClass(tf, predictions, i);
      Operand<TFloat32> actual = isClass(tf, labels, i);
      counts.put(countKey("true_positives", i), sum(tf, tf.math.mul(predicted, actual)));
      counts.put(countKey("predicted", i), sum(tf, predicted));
      counts.put(countKey("actual", i), sum(tf, actual));
    }
    return counts;
  }

  /** {@code class_level_summaries/precision/<class>} and {@code .../recall/<class>}, class by class. */
  static Map<String, Double> ratios(Map<String, Double> meanCounts) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (int i = 0; i < CLASSES.size(); i++) {
      double truePositives = meanCounts.get(countKey("true_positives", i));
      metrics.put(PREFIX + "precision/" + CLASSES.get(i), safeDiv(truePositives, meanCounts.get(countKey("predicted", i))));
      metrics.put(PREFIX + "recall/" + CLASSES.get(i), safeDiv(truePositives, meanCounts.get(countKey("actual", i))));
    }
    return metrics;
  }

  static boolean isCount(String key) {
    return key.startsWith(PREFIX + "count/");
  }

  private static String countKey(String what, int classId) {
    return PREFIX + "count/" + what + "/" + classId;
  }

  private static Operand<TFloat32> isClass(Ops tf, Operand<TInt32> ids, int classId) {
    return tf.dtypes.cast(tf.math.equal(ids, tf.constant(classId)), TFloat32.class);
  }

  private static Operand<TFloat32> sum(Ops tf, Operand<TFloat32> x) {
    return tf.reduceSum(x, tf.constant(0));
  }

  /** tf.metrics' {@code _safe_div}: 0 when nothing was counted. */
  private static double safeDiv(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : 0;
  }
}
