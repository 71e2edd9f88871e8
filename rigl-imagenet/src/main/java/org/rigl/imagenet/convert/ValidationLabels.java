package org.rigl.imagenet.convert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gives each flat validation image ({@code val/ILSVRC2012_val_00000001.JPEG}) its synset from a
 * labels file in one of its two common forms:
 *
 * <ul>
 *   <li>{@code imagenet_2012_validation_synset_labels.txt} (the reference's {@code synset_labels.txt}):
 *       one synset per line, line i for the i-th image in sorted file-name order;
 *   <li>{@code LOC_val_solution.csv} (Kaggle's): {@code ImageId,PredictionString} rows whose
 *       prediction starts with the synset, matched by file name without extension.
 * </ul>
 */
final class ValidationLabels {
  /** The names looked for beside the images when no labels file is given, in order. */
  static final List<String> DEFAULT_NAMES =
      List.of("imagenet_2012_validation_synset_labels.txt", "synset_labels.txt", "LOC_val_solution.csv");

  private ValidationLabels() {}

  /** Labels {@code images} (sorted by file name) from {@code labelsFile}. */
  static List<LabeledImage> assign(Path labelsFile, List<Path> images) throws IOException {
    List<String> lines = nonEmptyLines(labelsFile);
    boolean csv =
        labelsFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
            || (!lines.isEmpty() && lines.get(0).startsWith("ImageId"));
    return csv ? byImageId(labelsFile, lines, images) : byPosition(labelsFile, lines, images);
  }

  private static List<LabeledImage> byPosition(Path labelsFile, List<String> synsets, List<Path> images) {
    if (synsets.size() != images.size()) {
      throw new IllegalArgumentException(
          labelsFile + " lists " + synsets.size() + " synsets but there are " + images.size()
              + " validation images; it needs one line per image, in sorted file-name order");
    }
    List<LabeledImage> labeled = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      labeled.add(new LabeledImage(images.get(i), synsets.get(i)));
    }
    return labeled;
  }

  private static List<LabeledImage> byImageId(Path labelsFile, List<String> rows, List<Path> images) {
    Map<String, String> synsetById = new HashMap<>();
    for (int row = 0; row < rows.size(); row++) {
      String line = rows.get(row);
      if (row == 0 && line.startsWith("ImageId")) {
        continue;
      }
      int comma = line.indexOf(',');
      String[] prediction = comma < 0 ? new String[0] : line.substring(comma + 1).strip().split("\\s+");
      if (comma <= 0 || prediction.length == 0 || prediction[0].isEmpty()) {
        throw new IllegalArgumentException(
            labelsFile + ": row " + (row + 1) + " is not 'ImageId,<synset> ...': " + line);
      }
      synsetById.putIfAbsent(line.substring(0, comma).strip(), prediction[0]);
    }
    List<LabeledImage> labeled = new ArrayList<>(images.size());
    for (Path image : images) {
      String synset = synsetById.get(withoutExtension(image.getFileName().toString()));
      if (synset == null) {
        throw new IllegalArgumentException(labelsFile + " has no synset for validation image " + image.getFileName());
      }
      labeled.add(new LabeledImage(image, synset));
    }
    return labeled;
  }

  private static List<String> nonEmptyLines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static String withoutExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
