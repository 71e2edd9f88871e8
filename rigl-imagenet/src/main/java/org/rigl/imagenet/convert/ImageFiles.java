package org.rigl.imagenet.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Lists the image files and sub-folders of a directory, sorted by name so every run sees one order. */
final class ImageFiles {
  private ImageFiles() {}

  /**
   * The image files directly in {@code directory}: names ending in {@code .JPEG} as the reference
   * globs them, also {@code .jpg} and {@code .png}, in any case. Other files are not images of the
   * data set (e.g. archives, checksums) and are left out.
   */
  static List<Path> images(Path directory) throws IOException {
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.filter(Files::isRegularFile).filter(ImageFiles::hasImageName).sorted().toList();
    }
  }

  static List<Path> subdirectories(Path directory) throws IOException {
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }

  private static boolean hasImageName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return !name.startsWith(".") && (name.endsWith(".jpeg") || name.endsWith(".jpg") || name.endsWith(".png"));
  }
}
