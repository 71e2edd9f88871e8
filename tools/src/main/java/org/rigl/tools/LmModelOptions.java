package org.rigl.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rigl.lm.model.LmConfig;
import org.rigl.lm.train.ModelDescription;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The character model's size flags (the paper's configuration by default), shared by the LM commands. */
final class LmModelOptions {
  private static final List<String> FLAGS =
      List.of("--embedding_size", "--gru_layers", "--gru_units", "--readout_units", "--readout_activation");

  @Option(names = "--embedding_size", defaultValue = "128", description = "Byte embedding size (default: ${DEFAULT-VALUE}).")
  int embeddingSize;

  @Option(names = "--gru_layers", defaultValue = "3", description = "Stacked GRU layers (default: ${DEFAULT-VALUE}).")
  int gruLayers;

  @Option(names = "--gru_units", defaultValue = "512", description = "Units per GRU layer (default: ${DEFAULT-VALUE}).")
  int gruUnits;

  @Option(names = "--readout_units", split = ",", defaultValue = "256,128",
      description = "Widths of the dense readout layers before the logits (default: ${DEFAULT-VALUE}).")
  List<Integer> readoutUnits;

  @Option(names = "--readout_activation", defaultValue = "relu",
      description = "Activation after each readout layer: relu or linear (default: ${DEFAULT-VALUE}).")
  String readoutActivation;

  LmConfig fromFlags() {
    return new LmConfig(embeddingSize, gruLayers, gruUnits, readoutUnits, readoutActivation);
  }

  /**
   * The sizes to build: those saved in {@code outputDir} when no size flag is given (so resuming,
   * evaluating and sampling need only the directory), else the flags, which must then agree with
   * a saved description.
   */
  LmConfig resolve(CommandSpec spec, Path outputDir) throws IOException {
    ParseResult parsed = spec.commandLine().getParseResult();
    boolean explicit = FLAGS.stream().anyMatch(parsed::hasMatchedOption);
    Optional<LmConfig> saved = ModelDescription.read(outputDir);
    if (saved.isEmpty()) {
      return fromFlags();
    }
    if (explicit) {
      ModelDescription.requireSame(outputDir, saved.get(), fromFlags());
    }
    return saved.get();
  }
}
