package org.rigl.imagenet.convert;

import java.nio.file.Path;

/** An input image file and the synset (WordNet id, e.g. {@code n01440764}) it shows. */
public record LabeledImage(Path file, String synset) {
  /** {@code image/filename}: the base name, as the reference stores it. */
  public String fileName() {
    return file.getFileName().toString();
  }
}
