package org.rigl.imagenet.convert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a synset-to-human-readable file: {@code imagenet_metadata.txt}'s {@code <synset>\t<text>}
 * lines (the reference's {@code _build_synset_lookup}) or Kaggle's {@code LOC_synset_mapping.txt},
 * whose separator is a space. Blank lines are skipped.
 */
final class SynsetTexts {
  private SynsetTexts() {}

  static Map<String, String> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, String> texts = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      int tab = line.indexOf('\t');
      int separator = tab >= 0 ? tab : line.indexOf(' ');
      if (separator <= 0) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": expected '<synset><tab><human-readable text>', got '" + line + "'");
      }
      texts.put(line.substring(0, separator), line.substring(separator + 1).strip());
    }
    return texts;
  }
}
