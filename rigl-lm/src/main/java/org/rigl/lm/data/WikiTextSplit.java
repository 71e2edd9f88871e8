package org.rigl.lm.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The three files of the WikiText-103 raw release, by their flag names. */
public enum WikiTextSplit {
  TRAIN("train", "wiki.train.raw"),
  VALID("valid", "wiki.valid.raw"),
  TEST("test", "wiki.test.raw");

  private final String flagName;
  private final String fileName;

  WikiTextSplit(String flagName, String fileName) {
    this.flagName = flagName;
    this.fileName = fileName;
  }

  public String flagName() {
    return flagName;
  }

  public String fileName() {
    return fileName;
  }

  /** Parses {@code train}, {@code valid} or {@code test}. */
  public static WikiTextSplit parse(String name) {
    for (WikiTextSplit s : values()) {
      if (s.flagName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("split '" + name + "' is not valid (valid: "
        + Arrays.stream(values()).map(WikiTextSplit::flagName).collect(Collectors.joining(", ")) + ")");
  }
}
