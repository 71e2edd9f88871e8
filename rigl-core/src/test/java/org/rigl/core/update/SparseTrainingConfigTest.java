package org.rigl.core.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One validation for every driver; what differs between drivers is in their rules. */
class SparseTrainingConfigTest {
  private static final SparseTrainingRules ALL = SparseTrainingRules.of(TrainingMethod.all());
  /** imagenet_train_eval.py: masks from a distribution or a checkpoint, scratch included. */
  private static final SparseTrainingRules IMAGENET = ALL.withLoadedMasks(false);
  /** resnet_train_eval.py: scratch's masks only from a checkpoint. */
  private static final SparseTrainingRules CIFAR = ALL.withLoadedMasks(true);

  private static String error(SparseTrainingConfig c, SparseTrainingRules rules) {
    return assertThrows(IllegalArgumentException.class, () -> c.validate(rules)).getMessage();
  }

  @Test
  void methodsOutsideTheDriversAreListedInItsOrder() {
    SparseTrainingRules two = SparseTrainingRules.of(TrainingMethod.named("rigl", "set"));
    assertEquals("--training_method: 'dnw' is not valid (valid: rigl, set)",
        error(SparseTrainingConfig.builder(TrainingMethod.DNW).build(), two));
    assertEquals("--training_method: 'foo' is not valid (valid: baseline, scratch, set, momentum, rigl, static, snip, dnw, prune)",
        assertThrows(IllegalArgumentException.class, () -> TrainingMethod.parse("foo")).getMessage());
  }

  @Test
  void masksComeFromADistributionOrACheckpoint() {
    SparseTrainingConfig noDistribution = SparseTrainingConfig.builder(TrainingMethod.RIGL).maskInitMethod("").build();
    assertEquals("--mask_init_method is required for --training_method=rigl (valid: random, erdos_renyi, "
        + "erdos_renyi_kernel, str)", error(noDistribution, ALL));
    assertTrue(error(noDistribution, IMAGENET).endsWith(" or --load_mask_dir"));
    SparseTrainingConfig loaded = noDistribution.toBuilder().loadMaskDir("ckpt").build();
    assertSame(loaded, loaded.validate(IMAGENET));
    // Without a driver that loads masks, the checkpoint does not count.
    assertTrue(error(loaded, ALL).contains("--mask_init_method"));
    // SNIP's targets come from the distribution even when masks could be loaded.
    assertTrue(error(loaded.toBuilder().method(TrainingMethod.SNIP).build(), IMAGENET).contains("--mask_init_method"));
    assertEquals("--mask_init_method: 'gaussian' is not valid (valid: random, erdos_renyi, erdos_renyi_kernel, str)",
        error(noDistribution.toBuilder().maskInitMethod("gaussian").build(), ALL));
    SparseTrainingConfig dense = noDistribution.toBuilder().method(TrainingMethod.BASELINE).build();
    assertSame(dense, dense.validate(ALL));
  }

  @Test
  void scratchMayHaveToLoadItsMasks() {
    SparseTrainingConfig scratch = SparseTrainingConfig.builder(TrainingMethod.SCRATCH).build();
    assertSame(scratch, scratch.validate(IMAGENET));
    assertEquals("--training_method=scratch needs --load_mask_dir (resnet_train_eval.py gives scratch no random masks)",
        error(scratch, CIFAR));
    SparseTrainingConfig loaded = scratch.toBuilder().loadMaskDir("ckpt").build();
    assertSame(loaded, loaded.validate(CIFAR));
  }

  @Test
  void theFlagsAMethodReadsAreChecked() {
    SparseTrainingConfig set = SparseTrainingConfig.builder(TrainingMethod.SET).build();
    assertEquals("--end_sparsity must be in [0, 1), got 1.0", error(set.toBuilder().endSparsity(1).build(), ALL));
    assertEquals("--maskupdate_frequency must be positive, got 0", error(set.toBuilder().maskUpdates(0, 10, 0).build(), ALL));
    assertEquals("--drop_fraction must be in [0, 1], got 1.5", error(set.toBuilder().dropFraction(1.5).build(), ALL));
    assertEquals("--drop_fraction_anneal: 'linear' is not valid (valid: constant, cosine, exponential_<k>)",
        error(set.toBuilder().dropFractionAnneal("linear").build(), ALL));
    assertTrue(error(set.toBuilder().growInit("grad_sign").build(), ALL).startsWith("--grow_init: "));
    SparseTrainingConfig rigl = set.toBuilder().method(TrainingMethod.RIGL).growInit("grad_sign").build();
    assertSame(rigl, rigl.validate(ALL));
    // Flags a method does not read are not checked.
    SparseTrainingConfig baseline = set.toBuilder().method(TrainingMethod.BASELINE).maskUpdates(0, 0, 0).build();
    assertSame(baseline, baseline.validate(ALL));
  }

  @Test
  void pruningErrorsNameTheDriversFlags() {
    SparseTrainingConfig prune = SparseTrainingConfig.builder(TrainingMethod.PRUNE).pruning(10, 10, 5).build();
    assertEquals("--prune_begin_step 10 must come before --prune_end_step 10", error(prune, ALL));
    SparseTrainingRules lm = ALL.withPruneFlags("--maskupdate_begin_step", "--maskupdate_end_step", "--maskupdate_frequency", "");
    assertEquals("--maskupdate_frequency must be positive, got 0", error(prune.toBuilder().pruning(0, 10, 0).build(), lm));
    SparseTrainingRules cifar = ALL.withPruneFlags("--sparsity_begin_step", "--sparsity_end_step", "--pruning_frequency",
        " (after training_steps_multiplier)");
    assertEquals("--sparsity_begin_step 10 must come before --sparsity_end_step 10 (after training_steps_multiplier)",
        error(prune, cifar));
  }
}
