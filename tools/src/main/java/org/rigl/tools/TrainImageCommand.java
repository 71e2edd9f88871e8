package org.rigl.tools;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.rigl.imagenet.train.ImageNetTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rigl train-image}: the reference's {@code imagenet_train_eval.py}. */
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
    ImageNetTrainer trainer = new ImageNetTrainer(flags.toSettings(), System.out);
    System.err.println("train-image: output in " + trainer.outputDir());
    trainer.run();
    return 0;
  }
}
