package org.rigl.imagenet.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The training images of ImageNet's raw layout, {@code train/<synset>/*.JPEG}: the folder names the synset. */
final class TrainingImages {
  private TrainingImages() {}

  /** Sorted by synset, then by file name (the order {@code build_imagenet_data.py} shuffles from). */
  static List<LabeledImage> list(Path trainDirectory) throws IOException {
    List<LabeledImage> images = new ArrayList<>();
    for (Path synsetDirectory : ImageFiles.subdirectories(trainDirectory)) {
      String synset = synsetDirectory.getFileName().toString();
      for (Path file : ImageFiles.images(synsetDirectory)) {
        images.add(new LabeledImage(file, synset));
      }
    }
    if (images.isEmpty()) {
      throw new IllegalArgumentException(
          trainDirectory + " holds no images (expected " + trainDirectory.getFileName() + "/<synset>/*.JPEG)");
    }
    return images;
  }
}
