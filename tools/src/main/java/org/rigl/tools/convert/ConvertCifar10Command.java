package org.rigl.tools.convert;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.rigl.imagenet.convert.Cifar10Converter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rigl convert cifar10}: the CIFAR-10 binary version to TFDS's cifar10 schema. */
@Command(
    name = "cifar10",
    modelTransformer = ConvertCifar10Command.Texts.class,
    mixinStandardHelpOptions = true,
    description = {
      "CIFAR-10's binary version to TFRecords in TFDS's cifar10 schema.",
      "Input: data_batch_1.bin ... data_batch_5.bin and test_batch.bin in",
      "INPUT_DIR or its cifar-10-batches-bin/ folder.",
      "Output: OUTPUT_DIR/train.tfrecord (50,000 images) and test.tfrecord",
      "(10,000), one tf.Example per image in file order: image (32x32 RGB PNG),",
      "label (int64, 0..9) and id ('train_00000', as TFDS numbers them)."
    })
final class ConvertCifar10Command implements Callable<Integer> {
  @Mixin ConvertDirs dirs;

  /** This converter's words for the two folders. */
  static final class Texts extends ConvertDirs.Texts {
    public Texts() {
      super("The binary files (required).", "Where the TFRecords go (required).");
    }
  }

  @Override
  public Integer call() throws IOException {
    Cifar10Converter.convert(dirs.input(), dirs.output(), System.out);
    return 0;
  }
}
