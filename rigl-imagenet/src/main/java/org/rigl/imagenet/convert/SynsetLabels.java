package org.rigl.imagenet.convert;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The class of each synset: {@code image/class/label} is its 1-based index in sorted order (0 is the
 * reference's unused background class, hence the train driver's {@code --label_offset=1}) and
 * {@code image/class/text} its human-readable name, or the synset itself when no names are given.
 */
public final class SynsetLabels {
  private final List<String> synsets;
  private final Map<String, Integer> labels = new HashMap<>();
  private final Map<String, String> texts;

  /**
   * @param synsets every synset of the data set (the reference takes those of both splits)
   * @param texts synset to name, or {@code null}; must name every synset
   * @param textsFile where {@code texts} came from, for the message when one is missing
   */
  SynsetLabels(Collection<String> synsets, Map<String, String> texts, Path textsFile) {
    this.synsets = List.copyOf(new TreeSet<>(synsets));
    for (int i = 0; i < this.synsets.size(); i++) {
      labels.put(this.synsets.get(i), i + 1);
    }
    if (texts != null) {
      for (String synset : this.synsets) {
        if (!texts.containsKey(synset)) {
          throw new IllegalArgumentException(textsFile + " has no human-readable text for synset " + synset);
        }
      }
    }
    this.texts = texts;
  }

  public int label(String synset) {
    Integer label = labels.get(synset);
    if (label == null) {
      throw new IllegalArgumentException("unknown synset " + synset);
    }
    return label;
  }

  public String text(String synset) {
    return texts == null ? synset : texts.get(synset);
  }

  /** All synsets, sorted; label {@code i + 1} is {@code synsets().get(i)}. */
  public List<String> synsets() {
    return synsets;
  }
}
