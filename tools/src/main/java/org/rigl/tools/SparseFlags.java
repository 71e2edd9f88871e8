package org.rigl.tools;

import org.rigl.lm.train.SparseOptions;
import org.rigl.lm.train.TrainingMethod;
import picocli.CommandLine.Option;

/** The sparse-training flags of the reference's drivers, under their names. */
final class SparseFlags {
  @Option(names = "--training_method", defaultValue = "rigl",
      description = "baseline, scratch, set, momentum (SNFS), rigl, static, snip, dnw or prune (default: ${DEFAULT-VALUE}).")
  String trainingMethod;

  @Option(names = "--end_sparsity", defaultValue = "0.9", description = "Target sparsity (default: ${DEFAULT-VALUE}).")
  double endSparsity;

  @Option(names = "--mask_init_method", defaultValue = "random",
      description = "Sparsity distribution: random (uniform), erdos_renyi, erdos_renyi_kernel (default: ${DEFAULT-VALUE}).")
  String maskInitMethod;

  @Option(names = "--erk_power_scale", defaultValue = "1.0", description = "ERK exponent, 0 uniform, 1 ERK (default: ${DEFAULT-VALUE}).")
  double erkPowerScale;

  @Option(names = "--drop_fraction", defaultValue = "0.3", description = "Fraction of connections updated (default: ${DEFAULT-VALUE}).")
  double dropFraction;

  @Option(names = "--drop_fraction_anneal", defaultValue = "constant",
      description = "constant, cosine or exponential_<k> (default: ${DEFAULT-VALUE}).")
  String dropFractionAnneal;

  @Option(names = "--grow_init", defaultValue = "zeros",
      description = "zeros, initial_dist, random_normal, random_uniform (rigl also grad_scale, grad_sign) (default: ${DEFAULT-VALUE}).")
  String growInit;

  @Option(names = "--maskupdate_begin_step", defaultValue = "0", description = "First mask update step (default: ${DEFAULT-VALUE}).")
  long maskupdateBeginStep;

  @Option(names = "--maskupdate_end_step", defaultValue = "25000", description = "Last mask update step (default: ${DEFAULT-VALUE}).")
  long maskupdateEndStep;

  @Option(names = "--maskupdate_frequency", defaultValue = "100", description = "Steps between mask updates (default: ${DEFAULT-VALUE}).")
  long maskupdateFrequency;

  @Option(names = "--s_momentum", defaultValue = "0.9", description = "SNFS gradient moving-average decay (default: ${DEFAULT-VALUE}).")
  double sMomentum;

  @Option(names = "--rigl_acc_scale", defaultValue = "0.0",
      description = "RigL: optimizer slots of grown connections start at this times the gradient (default: ${DEFAULT-VALUE}).")
  double riglAccScale;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of weights, masks, mask updates and batches (default: ${DEFAULT-VALUE}).")
  long seed;

  SparseOptions toOptions() {
    return new SparseOptions(TrainingMethod.parse(trainingMethod), endSparsity, maskInitMethod, erkPowerScale, dropFraction,
        dropFractionAnneal, growInit, maskupdateBeginStep, maskupdateEndStep, maskupdateFrequency, sMomentum, riglAccScale, seed);
  }
}
