package org.rigl.tools;

import java.util.List;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;
import picocli.CommandLine.Option;

/**
 * The sparse-training flags every training command shares, under the reference's names. The
 * defaults and help texts here are imagenet_train_eval.py's; a command whose script differs
 * declares its own with a {@link CommandDefaults} model transformer.
 */
final class SparseTrainingOptions {
  @Option(names = "--training_method", defaultValue = "scratch", description = "scratch, baseline, snip, dnw, set, momentum, rigl, static (default: ${DEFAULT-VALUE}).")
  String trainingMethod;

  @Option(names = "--mask_init_method", defaultValue = "", description = "random, erdos_renyi, erdos_renyi_kernel, str (required by scratch and the dynamic methods).")
  String maskInitMethod;

  @Option(names = "--end_sparsity", defaultValue = "0.9", description = "Target sparsity (fraction of zeros) of the masked layers (default: ${DEFAULT-VALUE}).")
  double endSparsity;

  @Option(names = "--drop_fraction", defaultValue = "0.3", description = "Fraction of each layer's active connections dropped (and as many grown) per mask update (default: ${DEFAULT-VALUE}).")
  double dropFraction;

  @Option(names = "--drop_fraction_anneal", defaultValue = "constant", description = "constant, cosine, exponential_<k> (default: ${DEFAULT-VALUE}).")
  String dropFractionAnneal;

  @Option(names = "--grow_init", defaultValue = "zeros", description = "zeros, initial_dist, random_normal, random_uniform; rigl also grad_scale, grad_sign (default: ${DEFAULT-VALUE}).")
  String growInit;

  @Option(names = "--s_momentum", defaultValue = "0.9", description = "SNFS gradient momentum (default: ${DEFAULT-VALUE}).")
  double sMomentum;

  @Option(names = "--rigl_acc_scale", defaultValue = "0", description = "RigL: new connections' slots start at this times the gradient (default: ${DEFAULT-VALUE}).")
  double riglAccScale;

  @Option(names = "--maskupdate_begin_step", defaultValue = "0", description = "First step with a mask update (dynamic methods) (default: ${DEFAULT-VALUE}).")
  long maskupdateBeginStep;

  @Option(names = "--maskupdate_end_step", defaultValue = "25000", description = "Last step with a mask update (dynamic methods) (default: ${DEFAULT-VALUE}).")
  long maskupdateEndStep;

  @Option(names = "--maskupdate_frequency", defaultValue = "100", description = "Steps between mask updates (default: ${DEFAULT-VALUE}).")
  long maskupdateFrequency;

  /** These flags as a configuration, the method checked against those the driver {@code accepted}. */
  SparseTrainingConfig.Builder config(List<TrainingMethod> accepted) {
    return SparseTrainingConfig.builder(TrainingMethod.parse(trainingMethod, accepted))
        .endSparsity(endSparsity)
        .maskInitMethod(maskInitMethod)
        .dropFraction(dropFraction)
        .dropFractionAnneal(dropFractionAnneal)
        .growInit(growInit)
        .sMomentum(sMomentum)
        .riglAccScale(riglAccScale)
        .maskUpdates(maskupdateBeginStep, maskupdateEndStep, maskupdateFrequency);
  }
}
