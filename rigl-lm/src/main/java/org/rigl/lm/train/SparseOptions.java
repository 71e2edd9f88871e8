package org.rigl.lm.train;

/**
 * The sparse-training flags shared with {@code train-image}, under the reference's names:
 * training_method, end_sparsity, mask_init_method, erk_power_scale, drop_fraction,
 * drop_fraction_anneal, grow_init, maskupdate_begin_step, maskupdate_end_step,
 * maskupdate_frequency, s_momentum, rigl_acc_scale, seed.
 */
public record SparseOptions(
    TrainingMethod trainingMethod,
    double endSparsity,
    String maskInitMethod,
    double erkPowerScale,
    double dropFraction,
    String dropFractionAnneal,
    String growInit,
    long maskupdateBeginStep,
    long maskupdateEndStep,
    long maskupdateFrequency,
    double sMomentum,
    double riglAccScale,
    long seed) {

  public SparseOptions {
    if (!(endSparsity >= 0 && endSparsity < 1)) {
      throw new IllegalArgumentException("--end_sparsity must be in [0, 1), got " + endSparsity);
    }
    if (maskupdateFrequency <= 0) {
      throw new IllegalArgumentException("--maskupdate_frequency must be positive, got " + maskupdateFrequency);
    }
    if (trainingMethod.needsSparsityDistribution() && (maskInitMethod == null || maskInitMethod.isBlank())) {
      throw new IllegalArgumentException("--mask_init_method is required for --training_method=" + trainingMethod.flagName()
          + " (valid: random, erdos_renyi, erdos_renyi_kernel)");
    }
  }
}
