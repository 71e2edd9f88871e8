package org.rigl.lm.model;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The sizes of the character GRU language model. Defaults are the paper's configuration (RigL,
 * Evci et al. 2020, section 4.3): embedding 128, 3 stacked GRUs of 512 units, readout 256 then 128.
 *
 * @param readoutActivation applied after each readout layer: {@code relu} or {@code linear}
 *     (the paper calls them "linear layers", which may mean either)
 */
public record LmConfig(int embeddingSize, int gruLayers, int gruUnits, List<Integer> readoutUnits, String readoutActivation) {
  public static final List<String> ACTIVATIONS = List.of("relu", "linear");

  public LmConfig {
    readoutUnits = List.copyOf(readoutUnits);
    positive("--embedding_size", embeddingSize);
    positive("--gru_layers", gruLayers);
    positive("--gru_units", gruUnits);
    for (int units : readoutUnits) {
      positive("--readout_units", units);
    }
    if (!ACTIVATIONS.contains(readoutActivation)) {
      throw new IllegalArgumentException("--readout_activation: '" + readoutActivation + "' is not valid (valid: relu, linear)");
    }
  }

  public static LmConfig paper() {
    return new LmConfig(128, 3, 512, List.of(256, 128), "relu");
  }

  private static void positive(String flag, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(flag + " must be positive, got " + value);
    }
  }

  /** As flags, for the saved model description and error messages. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("embedding_size", Integer.toString(embeddingSize));
    p.setProperty("gru_layers", Integer.toString(gruLayers));
    p.setProperty("gru_units", Integer.toString(gruUnits));
    p.setProperty("readout_units", readoutUnits.stream().map(String::valueOf).collect(Collectors.joining(",")));
    p.setProperty("readout_activation", readoutActivation);
    return p;
  }

  public static LmConfig fromProperties(Properties p) {
    try {
      List<Integer> readout =
          p.getProperty("readout_units").isBlank()
              ? List.of()
              : Arrays.stream(p.getProperty("readout_units").split(",")).map(s -> Integer.parseInt(s.trim())).toList();
      return new LmConfig(
          Integer.parseInt(p.getProperty("embedding_size")),
          Integer.parseInt(p.getProperty("gru_layers")),
          Integer.parseInt(p.getProperty("gru_units")),
          readout,
          p.getProperty("readout_activation"));
    } catch (NullPointerException | NumberFormatException e) {
      throw new IllegalArgumentException("malformed model description: " + p);
    }
  }

  /** {@code --flag=value} for every size, e.g. for messages. */
  public String describe() {
    return String.format("--embedding_size=%d --gru_layers=%d --gru_units=%d --readout_units=%s --readout_activation=%s",
        embeddingSize, gruLayers, gruUnits,
        readoutUnits.stream().map(String::valueOf).collect(Collectors.joining(",")), readoutActivation);
  }
}
