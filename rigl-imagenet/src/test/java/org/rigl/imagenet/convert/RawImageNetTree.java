package org.rigl.imagenet.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny ImageNet raw layout: 3 synsets x 4 training images (one a PNG named .JPEG, one grayscale,
 * one Adobe CMYK) and 3 flat validation images with an {@code imagenet_2012_validation_synset_labels.txt}.
 * Every image has its own size, so records can be matched to files by height and width.
 */
final class RawImageNetTree {
  static final List<String> SYNSETS = List.of("n01440764", "n01443537", "n01484850");
  /** The synsets of val_00000001..3, in file-name order. */
  static final List<String> VALIDATION_SYNSETS = List.of("n01484850", "n01440764", "n01443537");
  static final String PNG_FILE = "n01440764_1.JPEG";
  static final String GRAY_FILE = "n01443537_2.JPEG";
  static final String CMYK_FILE = "n01484850_3.JPEG";
  static final String TXT_LABELS = "imagenet_2012_validation_synset_labels.txt";

  /** File name to {height, width}. */
  final Map<String, int[]> sizes = new LinkedHashMap<>();
  final Path root;

  private RawImageNetTree(Path root) {
    this.root = root;
  }

  static RawImageNetTree write(Path root) throws IOException {
    RawImageNetTree tree = new RawImageNetTree(root);
    for (int s = 0; s < SYNSETS.size(); s++) {
      Path folder = Files.createDirectories(root.resolve("train").resolve(SYNSETS.get(s)));
      for (int i = 0; i < 4; i++) {
        String name = SYNSETS.get(s) + "_" + i + ".JPEG";
        int width = 16 + 4 * i;
        int height = 12 + 2 * s;
        tree.sizes.put(name, new int[] {height, width});
        Files.write(folder.resolve(name), encoded(name, width, height, s));
      }
    }
    Path validation = Files.createDirectories(root.resolve("val"));
    for (int v = 0; v < VALIDATION_SYNSETS.size(); v++) {
      String name = validationName(v);
      tree.sizes.put(name, new int[] {20 + v, 30 + v});
      Files.write(validation.resolve(name), TestImages.jpeg(TestImages.uniform(30 + v, 20 + v, 90, 90, 20 * v)));
    }
    Files.write(root.resolve(TXT_LABELS), VALIDATION_SYNSETS);
    return tree;
  }

  static String validationName(int index) {
    return String.format("ILSVRC2012_val_%08d.JPEG", index + 1);
  }

  /** All training file names sorted by synset then name: the order the converter shuffles. */
  static List<String> sortedTrainNames() {
    List<String> names = new ArrayList<>();
    for (String synset : SYNSETS) {
      for (int i = 0; i < 4; i++) {
        names.add(synset + "_" + i + ".JPEG");
      }
    }
    return names;
  }

  /** The synset of a training or validation file name. */
  static String synsetOf(String fileName) {
    if (fileName.startsWith("ILSVRC2012_val_")) {
      return VALIDATION_SYNSETS.get(Integer.parseInt(fileName.substring(15, 23)) - 1);
    }
    return fileName.substring(0, fileName.indexOf('_'));
  }

  /** Replaces the text labels file by Kaggle's {@code LOC_val_solution.csv}. */
  void useCsvLabels() throws IOException {
    Files.delete(root.resolve(TXT_LABELS));
    List<String> rows = new ArrayList<>(List.of("ImageId,PredictionString"));
    for (int v = VALIDATION_SYNSETS.size() - 1; v >= 0; v--) {
      String id = validationName(v).replace(".JPEG", "");
      rows.add(id + "," + VALIDATION_SYNSETS.get(v) + " 10 20 30 40 " + VALIDATION_SYNSETS.get(v) + " 1 2 3 4");
    }
    Files.write(root.resolve("LOC_val_solution.csv"), rows);
  }

  private static byte[] encoded(String name, int width, int height, int synsetIndex) {
    int shade = 40 + 80 * synsetIndex;
    return switch (name) {
      case PNG_FILE -> TestImages.png(TestImages.uniform(width, height, shade, 200, 10));
      case GRAY_FILE -> TestImages.jpeg(TestImages.gray(width, height, shade));
      case CMYK_FILE -> TestImages.fourComponentJpeg(width, height, new int[] {200, 100, 50, 220}, 0);
      default -> TestImages.jpeg(TestImages.uniform(width, height, shade, 255 - shade, 128));
    };
  }
}
