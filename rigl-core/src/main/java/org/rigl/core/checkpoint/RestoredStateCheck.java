package org.rigl.core.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.io.TensorEntry;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskStatistics;
import org.rigl.core.mask.MaskedWeights;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * What a checkpoint must hold before a run resumes from it, beyond valid checksums: finite values
 * in every float tensor (a diverged state would poison every later step) and binary masks.
 */
public final class RestoredStateCheck {
  private RestoredStateCheck() {}

  /**
   * Checks every float tensor of the checkpoint at {@code prefix}; returns the ones of each tensor
   * {@code isMask} accepts, in the checkpoint's order.
   *
   * @throws IllegalArgumentException naming the checkpoint and the first bad tensor
   */
  public static Map<String, Long> check(Path prefix, Predicate<String> isMask) throws IOException {
    Map<String, Long> ones = new LinkedHashMap<>();
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      for (TensorEntry entry : reader.index().entries()) {
        if (entry.dtype() != DataType.DT_FLOAT) {
          continue;
        }
        float[] values = reader.readFloats(entry.name());
        boolean mask = isMask.test(entry.name());
        long count = 0;
        for (int i = 0; i < values.length; i++) {
          float v = values[i];
          if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("checkpoint " + prefix + ": tensor '" + entry.name()
                + "' holds " + v + " at index " + i + ": a diverged run's state cannot be resumed");
          }
          if (mask && v != 0f && v != 1f) {
            throw new IllegalArgumentException("checkpoint " + prefix + ": mask '" + entry.name()
                + "' holds " + v + " at index " + i + " (masks hold only 0 and 1)");
          }
          if (v == 1f) {
            count++;
          }
        }
        if (mask) {
          ones.put(entry.name(), count);
        }
      }
    }
    return ones;
  }

  /**
   * The ones of every mask as {@code session} holds them, by mask name: run after a fresh mask
   * initialisation, the counts a dynamic method keeps for the whole run.
   */
  public static Map<String, Long> onesOf(Session session, MaskRegistry masks) {
    Map<String, Long> ones = new LinkedHashMap<>();
    for (MaskedWeights layer : masks.layers()) {
      try (Result r = session.runner().fetch(layer.mask()).run()) {
        float[] values = new float[Math.toIntExact(layer.shape().size())];
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(values, false, false));
        ones.put(layer.maskName(), MaskStatistics.countNonZeros(values));
      }
    }
    return ones;
  }

  /**
   * For methods whose masks keep their counts: fails unless each mask has the ones {@code expected}
   * gives it (those of the masks the run started with).
   */
  public static void requireCounts(Path prefix, Map<String, Long> restored, Map<String, Long> expected) {
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      Long found = restored.get(e.getKey());
      if (found != null && !found.equals(e.getValue())) {
        throw new IllegalArgumentException("checkpoint " + prefix + ": mask '" + e.getKey() + "' has " + found
            + " ones but this method keeps the " + e.getValue() + " it started with (--end_sparsity, --mask_init_method"
            + " or the seed differ from the run's?)");
      }
    }
  }
}
