package org.rigl.tools;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives a command its own defaults and help texts for options that a shared mixin declares:
 * subclass with the command's table and name it in {@code @Command(modelTransformer = ...)}.
 */
public abstract class CommandDefaults implements IModelTransformer {
  /** A command's default (null: the mixin's) and help text for one option. */
  public record Default(String value, String description) {}

  /** Flag name to the command's default and description. */
  protected abstract Map<String, Default> defaults();

  protected static Map.Entry<String, Default> entry(String flag, String value, String description) {
    return Map.entry(flag, new Default(value, description));
  }

  /** Only the help text; the default stays the mixin's. */
  protected static Map.Entry<String, Default> described(String flag, String description) {
    return entry(flag, null, description);
  }

  @Override
  public CommandSpec transform(CommandSpec spec) {
    Map<String, Default> table = defaults();
    table.keySet().forEach(name -> {
      if (spec.findOption(name) == null) {
        throw new IllegalStateException(spec.name() + " has no option " + name);
      }
    });
    // In declaration order, so that the help lists them the same way on every run.
    for (OptionSpec option : List.copyOf(spec.options())) {
      Default d = table.get(option.longestName());
      if (d != null) {
        OptionSpec.Builder changed = OptionSpec.builder(option).description(d.description());
        spec.remove(option);
        spec.addOption(d.value() == null ? changed.build() : changed.defaultValue(d.value()).build());
      }
    }
    return spec;
  }
}
