package org.rigl.tools.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rigl.imagenet.convert.ImageNetConversion;
import org.rigl.imagenet.convert.ImageNetConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigl convert imagenet}: the port of {@code build_imagenet_data.py} / {@code imagenet_to_gcs.py}. */
@Command(
    name = "imagenet",
    modelTransformer = ConvertImageNetCommand.Texts.class,
    mixinStandardHelpOptions = true,
    description = {
      "ImageNet's raw JPEGs to TPU-style TFRecord shards (train-00000-of-01024).",
      "Input: INPUT_DIR/train/<synset>/*.JPEG and, optionally, validation images",
      "in INPUT_DIR/val/ (or validation/): flat with a labels file, or in",
      "<synset>/ folders. Kaggle's INPUT_DIR/ILSVRC/Data/CLS-LOC/ works too.",
      "Output: OUTPUT_DIR/train-00000-of-01024 ... and validation-00000-of-00128",
      "...; the training list (sorted) is shuffled as Python's random.seed(12345)",
      "shuffles it, then cut into near-equal shards; validation stays sorted.",
      "Records: tf.Examples of build_imagenet_data.py's schema: image/encoded",
      "(RGB JPEG; grayscale, CMYK and PNG inputs re-encoded at quality 100),",
      "image/format 'JPEG', image/height, image/width, image/channels 3,",
      "image/colorspace 'RGB', image/class/label (1-based index of the synset in",
      "sorted order: train with --label_offset=1), image/class/synset,",
      "image/class/text, image/filename, and empty",
      "image/object/bbox/{xmin,xmax,ymin,ymax,label} lists."
    })
final class ConvertImageNetCommand implements Callable<Integer> {
  @Mixin ConvertDirs dirs;

  /** This converter's words for the two folders. */
  static final class Texts extends ConvertDirs.Texts {
    public Texts() {
      super("The raw layout (required).", "Where the shards go (required).");
    }
  }

  @Option(names = "--train_shards", paramLabel = "N", defaultValue = "" + ImageNetConversion.DEFAULT_TRAIN_SHARDS,
      description = "Training shards (default: ${DEFAULT-VALUE}).")
  int trainShards;

  @Option(names = "--validation_shards", paramLabel = "N", defaultValue = "" + ImageNetConversion.DEFAULT_VALIDATION_SHARDS,
      description = "Validation shards (default: ${DEFAULT-VALUE}).")
  int validationShards;

  @Option(names = "--labels_file", paramLabel = "FILE",
      description = "Synsets of the flat validation images: imagenet_2012_validation_synset_labels.txt (one per "
          + "line, sorted file-name order) or LOC_val_solution.csv (default: either, or synset_labels.txt, found "
          + "in INPUT_DIR).")
  Path labelsFile;

  @Option(names = "--synset_text", paramLabel = "FILE",
      description = "Synset to human-readable name for image/class/text: imagenet_metadata.txt "
          + "('<synset><tab><text>') or LOC_synset_mapping.txt (default: the synset itself).")
  Path synsetText;

  @Option(names = "--num_threads", paramLabel = "N", description = "Shards written in parallel (default: cores, at most 8).")
  Integer numThreads;

  @Override
  public Integer call() throws IOException {
    ImageNetConversion conversion =
        new ImageNetConversion(
            dirs.input(),
            dirs.output(),
            trainShards,
            validationShards,
            labelsFile,
            synsetText,
            numThreads == null ? ImageNetConversion.defaultThreads() : numThreads);
    ImageNetConverter.convert(conversion, System.out);
    return 0;
  }
}
