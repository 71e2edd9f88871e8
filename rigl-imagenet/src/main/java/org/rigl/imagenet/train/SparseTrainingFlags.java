package org.rigl.imagenet.train;

import picocli.CommandLine.Option;

/**
 * The sparse-training flags that {@code imagenet_train_eval.py} and
 * {@code cifar_resnet/resnet_train_eval.py} define alike (same names, defaults and meaning): the
 * target sparsity, the dynamic methods' mask-update knobs and the checkpoints a fresh start reads.
 * Each driver's flags class mixes them in next to the ones whose defaults differ
 * ({@code --training_method}, {@code --mask_init_method}, {@code --maskupdate_end_step}).
 */
public final class SparseTrainingFlags {
  @Option(names = "--end_sparsity", defaultValue = "0.9", description = "Target sparsity (fraction of zeros) of the masked layers (default: ${DEFAULT-VALUE}).")
  public double endSparsity;

  @Option(names = "--drop_fraction", defaultValue = "0.3", description = "Fraction of each layer's active connections dropped (and as many grown) per mask update (default: ${DEFAULT-VALUE}).")
  public double dropFraction;

  @Option(names = "--drop_fraction_anneal", defaultValue = "constant", description = "constant, cosine, exponential_<k> (default: ${DEFAULT-VALUE}).")
  public String dropFractionAnneal;

  @Option(names = "--grow_init", defaultValue = "zeros", description = "zeros, initial_dist, random_normal, random_uniform; rigl also grad_scale, grad_sign (default: ${DEFAULT-VALUE}).")
  public String growInit;

  @Option(names = "--s_momentum", defaultValue = "0.9", description = "SNFS gradient momentum (default: ${DEFAULT-VALUE}).")
  public double sMomentum;

  @Option(names = "--rigl_acc_scale", defaultValue = "0", description = "RigL: new connections' slots start at this times the gradient (default: ${DEFAULT-VALUE}).")
  public double riglAccScale;

  @Option(names = "--maskupdate_begin_step", defaultValue = "0", description = "First step with a mask update (dynamic methods) (default: ${DEFAULT-VALUE}).")
  public long maskupdateBeginStep;

  @Option(names = "--maskupdate_frequency", defaultValue = "100", description = "Steps between mask updates (default: ${DEFAULT-VALUE}).")
  public long maskupdateFrequency;

  @Option(names = "--load_mask_dir", defaultValue = "", description = "Checkpoint (prefix or folder) whose masks start training.")
  public String loadMaskDir;

  @Option(names = "--initial_value_checkpoint", defaultValue = "", description = "Checkpoint (prefix or folder) whose gamma/beta/weights/biases start training.")
  public String initialValueCheckpoint;
}
