package org.rigl.lm.model;

import static org.rigl.core.flags.FlagChecks.inRange;
import static org.rigl.core.flags.FlagChecks.oneOf;

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
  /** Past these sizes a layer's weights outgrow memory. */
  public static final int MAX_UNITS = 1 << 16;
  public static final int MAX_LAYERS = 64;

  public LmConfig {
    readoutUnits = List.copyOf(readoutUnits);
    inRange("--embedding_size", embeddingSize, 1, MAX_UNITS);
    inRange("--gru_layers", gruLayers, 1, MAX_LAYERS);
    inRange("--gru_units", gruUnits, 1, MAX_UNITS);
    for (int units : readoutUnits) {
      inRange("--readout_units", units, 1, MAX_UNITS);
    }
    oneOf("--readout_activation", readoutActivation, ACTIVATIONS);
  }

  public static LmConfig paper() {
    return new LmConfig(128, 3, 512, List.of(256, 128), "relu");
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
