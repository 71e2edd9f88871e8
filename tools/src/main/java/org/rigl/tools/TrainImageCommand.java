package org.rigl.tools;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.rigl.core.distributed.WorkerCluster;
import org.rigl.imagenet.train.ImageClassifierRun;
import org.rigl.imagenet.train.ImageNetSetup;
import org.rigl.imagenet.train.ImageNetTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rigl train-image}: the reference's {@code imagenet_train_eval.py}: the Estimator modes over
 * the {@link ImageNetTask}, plus {@code eval_once}, which evaluates one checkpoint of the output
 * directory ({@code --eval_once_ckpt_prefix}, or the latest).
 */
@Command(
    name = "train-image",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "imagenet_train_eval.py: train and evaluate sparse ResNet/MobileNet/VGG on ImageNet TFRecords.",
      "Trains and evaluates sparse ResNet / MobileNet / VGG on ImageNet-format TFRecords with the flags,",
      "defaults and outputs of imagenet_train_eval.py: checkpoints (model.ckpt-STEP), TensorBoard events and",
      "eval_results.json in --output_dir (plus the reference's folder stub unless --use_folder_stub=false).",
      "Example: ./rigl train-image --data_directory=DIR --training_method=rigl --end_sparsity=0.8",
      "         --mask_init_method=erdos_renyi_kernel --first_layer_sparsity=-1 --train_steps=32000",
      "         --training_steps_multiplier=1 --mode=train_and_eval"
    })
final class TrainImageCommand implements Callable<Integer> {
  @Mixin ImageNetFlags flags;

  @Override
  public Integer call() throws IOException {
    ImageClassifierRun run = new ImageClassifierRun(new ImageNetTask(ImageNetSetup.of(flags.toSettings())), System.out);
    System.err.println("train-image: output in " + run.outputDir());
    if (!flags.workerHosts.isEmpty() && flags.taskIndex > 0) {
      serveUntilKilled();
    }
    if (flags.mode.equals("eval_once")) {
      run.evaluateOnce(flags.evalOnceCkptPrefix);
    } else {
      run.run();
    }
    return 0;
  }

  /** A worker task other than 0: serves its part of the chief's graph until the process is killed. */
  private void serveUntilKilled() {
    WorkerCluster cluster = WorkerCluster.parse(flags.workerHosts);
    if (flags.taskIndex >= cluster.size()) {
      throw new IllegalArgumentException(
          "--task_index " + flags.taskIndex + " but --worker_hosts lists " + cluster.size() + " tasks");
    }
    cluster.serving(flags.taskIndex).join();
    throw new IllegalStateException("worker " + flags.taskIndex + " stopped serving");
  }
}
