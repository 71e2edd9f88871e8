package org.rigl.imagenet.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The validation images of ImageNet's raw layout, in either form: flat ({@code val/*.JPEG}, labelled
 * by a labels file, see {@link ValidationLabels}) or already sorted into class folders
 * ({@code val/<synset>/*.JPEG}, labelled by the folder). Sorted by file name, as the reference
 * writes them.
 */
final class ValidationImages {
  private ValidationImages() {}

  /**
   * @param labelsFile the labels file for the flat form; {@code null} if none was given or found
   * @param labelsFlag the flag that names it, for the message when it is needed but missing
   */
  static List<LabeledImage> list(Path directory, Path labelsFile, String labelsFlag) throws IOException {
    List<Path> flat = ImageFiles.images(directory);
    if (!flat.isEmpty()) {
      if (labelsFile == null) {
        throw new IllegalArgumentException(
            directory + " holds validation images but no labels file was found; pass " + labelsFlag
                + "=FILE (one of " + String.join(", ", ValidationLabels.DEFAULT_NAMES) + ")");
      }
      return ValidationLabels.assign(labelsFile, flat);
    }
    List<LabeledImage> images = new ArrayList<>();
    for (Path synsetDirectory : ImageFiles.subdirectories(directory)) {
      for (Path file : ImageFiles.images(synsetDirectory)) {
        images.add(new LabeledImage(file, synsetDirectory.getFileName().toString()));
      }
    }
    if (images.isEmpty()) {
      throw new IllegalArgumentException(
          directory + " holds no images (expected " + directory.getFileName() + "/*.JPEG or "
              + directory.getFileName() + "/<synset>/*.JPEG)");
    }
    images.sort(Comparator.comparing(LabeledImage::fileName).thenComparing(LabeledImage::file));
    return images;
  }
}
