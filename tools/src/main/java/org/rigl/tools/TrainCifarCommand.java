package org.rigl.tools;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rigl.imagenet.cifar.CifarSetup;
import org.rigl.imagenet.cifar.CifarTask;
import org.rigl.imagenet.train.ImageClassifierRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rigl train-cifar}: the reference's {@code cifar_resnet/resnet_train_eval.py}, the
 * {@link CifarTask} under the Estimator modes. {@code train_and_eval}, which the reference accepts
 * but runs nothing for, trains and evaluates each checkpoint.
 */
@Command(
    name = "train-cifar",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    modelTransformer = TrainCifarCommand.SparseDefaults.class,
    description = {
      "resnet_train_eval.py: sparse Wide ResNet on CIFAR-10, incl. magnitude pruning.",
      "Trains and evaluates a sparse Wide ResNet (WRN-16-4 by default) on the CIFAR-10",
      "binary files with the flags, defaults and outputs of resnet_train_eval.py:",
      "checkpoints (model.ckpt-STEP), TensorBoard events and eval_results.json in",
      "--train_dir plus the reference's folder stub (method/sparsity/begin/end/freq).",
      "Example: ./rigl train-cifar --data_directory=DIR --training_method=rigl",
      "           --end_sparsity=0.9 --mode=train_and_eval"
    })
final class TrainCifarCommand implements Callable<Integer> {
  @Mixin CifarFlags flags;

  /** resnet_train_eval.py's defaults and help texts where they differ from imagenet_train_eval.py's. */
  static final class SparseDefaults extends CommandDefaults {
    @Override
    protected Map<String, Default> defaults() {
      return Map.ofEntries(
          entry("--training_method", "baseline",
              "scratch, set, baseline, momentum, rigl, static, snip, prune (default: ${DEFAULT-VALUE})."),
          entry("--mask_init_method", "random", "random, erdos_renyi, erdos_renyi_kernel (default: ${DEFAULT-VALUE})."),
          entry("--maskupdate_end_step", "75000", "Last step with a mask update (dynamic methods) (default: ${DEFAULT-VALUE})."));
    }
  }

  @Override
  public Integer call() throws IOException {
    CifarSetup setup = CifarSetup.of(flags.toSettings());
    ImageClassifierRun run = new ImageClassifierRun(new CifarTask(setup), System.out);
    System.err.println("train-cifar: output in " + setup.trainDir());
    double multiplier = flags.trainingStepsMultiplier;
    if (multiplier != 1.0) {
      System.out.printf("Training schedule is updated with multiplier: %.2f%n", multiplier);
      System.out.printf("Learning Rate boundaries are updated with multiplier:%.2f%n", multiplier);
    }
    if (!flags.mode.equals("eval")) {
      System.out.println("Starting training...");
    }
    run.run();
    return 0;
  }
}
