package org.rigl.core.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rigl.core.TensorValues;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;

/** float32 drop-fraction schedules, n_prune arithmetic and the update steps, against values the reference computes. */
@Tag("fast")
class ScheduleValuesTest {

  private static float annealed(String anneal, double drop, long begin, long end, long gs) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      UpdateSchedule schedule = new UpdateSchedule(begin, end, 100);
      return TensorValues.scalar(s, DropFractionSchedule.parse(anneal, drop, schedule).annealed(tf, tf.constant(gs)));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "cosine, 0, 25000, 0, 0.300000012",
    "cosine, 0, 25000, 100, 0.29998818",
    "cosine, 0, 25000, 1000, 0.298817217",
    "cosine, 0, 25000, 12000, 0.159418583",
    "cosine, 0, 25000, 12500, 0.149999991",
    "cosine, 0, 25000, 13000, 0.140581444",
    "cosine, 0, 25000, 24000, 0.00118279166",
    "cosine, 0, 25000, 25000, 0",
    // The absolute-step quirk: D = 24000 but the cosine is evaluated at gs, not gs - begin.
    "cosine, 1000, 25000, 1000, 0.298716724",
    "cosine, 1000, 25000, 12000, 0.149999991",
    "cosine, 1000, 25000, 24000, 0",
    "exponential_3, 0, 25000, 100, 0.296414375",
    "exponential_3, 0, 25000, 12500, 0.0375000015",
    "exponential_3, 0, 25000, 25000, 0",
    "constant, 0, 25000, 777, 0.300000012",
  })
  void float32ValuesMatchTheReference(String anneal, long begin, long end, long gs, float expected) {
    float actual = annealed(anneal, 0.3, begin, end, gs);
    assertEquals(expected, actual, Math.max(Math.ulp(expected), 1e-12f), anneal + " at " + gs);
  }

  @ParameterizedTest
  @CsvSource({"1000, 0.3, 300", "13342, 0.3, 4002", "5, 0.5, 2", "3, 0.2, 0", "7, 0.3, 2", "100, 0.29, 29"})
  void nPruneIsFloat32MultiplyTruncated(int nOnes, float fraction, int expected) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var nPrune = tf.dtypes.cast(tf.math.mul(tf.dtypes.cast(tf.constant(nOnes), org.tensorflow.types.TFloat32.class), tf.constant(fraction)), TInt32.class);
      try (var t = s.runner().fetch(nPrune).run().get(0)) {
        assertEquals(expected, ((TInt32) t).getInt());
      }
    }
  }

  /** Update steps of the SET family (post-increment gs) and of RigL (gs itself, no increment on update). */
  private static List<Long> updateSteps(UpdateSchedule schedule, boolean rigl, int iterations) {
    List<Long> steps = new ArrayList<>();
    long gs = 0;
    long last = -schedule.frequency();
    for (int i = 0; i < iterations; i++) {
      if (rigl) {
        if (schedule.isUpdate(gs, last)) {
          steps.add(gs);
          last = gs;
        } else {
          gs++;
        }
      } else {
        gs++;
        if (schedule.isUpdate(gs, last)) {
          steps.add(gs);
          last = gs;
        }
      }
    }
    return steps;
  }

  @Test
  void updateStepsMatchTheReference() {
    assertEquals(List.of(1L, 3L), updateSteps(new UpdateSchedule(1, 4, 2), false, 10));
    assertEquals(List.of(3L, 5L, 7L), updateSteps(new UpdateSchedule(3, 7, 2), false, 12));
    assertEquals(List.of(1L, 4L), updateSteps(new UpdateSchedule(1, 5, 3), false, 10));
    assertEquals(List.of(1L, 2L, 3L, 4L), updateSteps(new UpdateSchedule(0, 4, 1), false, 10));
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), updateSteps(new UpdateSchedule(0, 4, 1), true, 15));
    assertEquals(List.of(1L, 101L, 201L), updateSteps(new UpdateSchedule(0, 25000, 100), false, 250));
    assertEquals(List.of(0L, 100L, 200L), updateSteps(new UpdateSchedule(0, 25000, 100), true, 250));
  }

  @Test
  void negativeEndStepNeverStops() {
    UpdateSchedule forever = new UpdateSchedule(0, -1, 10);
    assertTrue(forever.isUpdate(1_000_000, 999_990));
  }

  @Test
  void badAnnealNamesAreRejectedWithTheChoices() {
    UpdateSchedule schedule = new UpdateSchedule(0, 10, 1);
    var e = assertThrows(IllegalArgumentException.class, () -> DropFractionSchedule.parse("linear", 0.3, schedule));
    assertTrue(e.getMessage().contains("linear") && e.getMessage().contains("cosine"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DropFractionSchedule.parse("constant", 1.5, schedule));
    assertThrows(IllegalArgumentException.class, () -> new UpdateSchedule(0, 10, 0));
  }

  @Test
  void numberSuffix() {
    assertEquals(0.5, NumberSuffix.extract("foo_.5"));
    assertEquals(0.5, NumberSuffix.extract("foo_0.5"));
    assertEquals(4.0, NumberSuffix.extract("foo_4"));
    assertEquals(1.0, NumberSuffix.extract("foo"));
    assertEquals(3.0, NumberSuffix.extract("exponential_3"));
  }

  @Test
  void growInitNamesAreValidated() {
    for (String bad : new String[] {"ones", "zero", "grad_scale"}) {
      var e = assertThrows(IllegalArgumentException.class, () -> GrowInit.parse(bad, false));
      assertTrue(e.getMessage().contains(bad) && e.getMessage().contains("random_normal"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> GrowInit.parse(null, true));
    assertEquals("grad_scale_2", GrowInit.parse("grad_scale_2", true).name());
    var e = assertThrows(IllegalArgumentException.class, () -> TrainingMethod.PRUNE.growRule(SparseTrainingConfig.builder(TrainingMethod.PRUNE).build()));
    assertTrue(e.getMessage().contains("prune") && e.getMessage().contains("rigl"), e.getMessage());
  }
}
