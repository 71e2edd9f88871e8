package org.rigl.lm.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The three files of the WikiText-103 raw release, by their flag names. */
public enum WikiTextSplit {
  TRAIN,
  VALID,
  TEST;

  /** The name in lower case: train, valid or test. */
  public String flagName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** wiki.train.raw, wiki.valid.raw or wiki.test.raw. */
  public String fileName() {
    return "wiki." + flagName() + ".raw";
  }

  /** Parses {@code train}, {@code valid} or {@code test}. */
  public static WikiTextSplit parse(String name) {
    for (WikiTextSplit s : values()) {
      if (s.flagName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("split '" + name + "' is not valid (valid: "
        + Arrays.stream(values()).map(WikiTextSplit::flagName).collect(Collectors.joining(", ")) + ")");
  }
}
