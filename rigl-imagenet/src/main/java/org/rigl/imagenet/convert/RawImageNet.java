package org.rigl.imagenet.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * ImageNet as it unpacks: {@code train/<synset>/*.JPEG} and, optionally, validation images in
 * {@code validation/} (tensorflow/tpu's name) or {@code val/}. The root is the input directory or,
 * for Kaggle's download, its {@code ILSVRC/Data/CLS-LOC} folder.
 *
 * @param validationDirectory {@code null} when there is no validation folder
 * @param validation empty when there is no validation folder
 * @param labelsFile the validation labels file used; {@code null} if none was needed
 */
public record RawImageNet(
    Path trainDirectory,
    List<LabeledImage> train,
    Path validationDirectory,
    List<LabeledImage> validation,
    Path labelsFile) {
  static final String INPUT_FLAG = "--input_dir";
  static final String LABELS_FLAG = "--labels_file";
  private static final Path KAGGLE_ROOT = Path.of("ILSVRC", "Data", "CLS-LOC");

  /**
   * @param labelsFile the validation labels file, or {@code null} to look for one under its usual
   *     names in the input directory and the image root
   */
  public static RawImageNet scan(Path inputDirectory, Path labelsFile) throws IOException {
    if (!Files.isDirectory(inputDirectory)) {
      throw new IllegalArgumentException(
          INPUT_FLAG + " " + inputDirectory + (Files.exists(inputDirectory) ? " is not a directory" : " does not exist"));
    }
    if (labelsFile != null && !Files.isRegularFile(labelsFile)) {
      throw new IllegalArgumentException(LABELS_FLAG + " " + labelsFile + " does not exist");
    }
    Path root = imageRoot(inputDirectory);
    Path trainDirectory = root.resolve("train");
    List<LabeledImage> train = TrainingImages.list(trainDirectory);
    Path validationDirectory = validationDirectory(root);
    if (validationDirectory == null) {
      return new RawImageNet(trainDirectory, train, null, List.of(), null);
    }
    Path labels = labelsFile != null ? labelsFile : findLabelsFile(inputDirectory, root);
    List<LabeledImage> validation = ValidationImages.list(validationDirectory, labels, LABELS_FLAG);
    boolean labelsUsed = !ImageFiles.images(validationDirectory).isEmpty();
    return new RawImageNet(trainDirectory, train, validationDirectory, validation, labelsUsed ? labels : null);
  }

  private static Path imageRoot(Path inputDirectory) {
    if (Files.isDirectory(inputDirectory.resolve("train"))) {
      return inputDirectory;
    }
    Path kaggle = inputDirectory.resolve(KAGGLE_ROOT);
    if (Files.isDirectory(kaggle.resolve("train"))) {
      return kaggle;
    }
    throw new IllegalArgumentException(
        INPUT_FLAG + " " + inputDirectory + " has no train/ folder (expected train/<synset>/*.JPEG, and val/*.JPEG"
            + " with a labels file for validation)");
  }

  private static Path validationDirectory(Path root) {
    for (String name : List.of("validation", "val")) {
      if (Files.isDirectory(root.resolve(name))) {
        return root.resolve(name);
      }
    }
    return null;
  }

  private static Path findLabelsFile(Path inputDirectory, Path root) {
    for (Path directory : List.of(inputDirectory, root)) {
      for (String name : ValidationLabels.DEFAULT_NAMES) {
        if (Files.isRegularFile(directory.resolve(name))) {
          return directory.resolve(name);
        }
      }
    }
    return null;
  }
}
