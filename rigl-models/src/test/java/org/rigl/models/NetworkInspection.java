package org.rigl.models;

import java.util.List;
import org.rigl.models.layers.ModelVariable;
import org.rigl.models.layers.VariableInfo;
import org.rigl.models.layers.VariableRole;

/** Summaries of a network's variables for structural assertions. */
final class NetworkInspection {
  private NetworkInspection() {}

  static List<ModelVariable> withRole(Network network, VariableRole role) {
    return network.variables().stream().filter(v -> v.role() == role).toList();
  }

  /** Scopes of the masked layers ({@code S} of {@code S/mask}), in creation order. */
  static List<String> maskScopes(Network network) {
    return withRole(network, VariableRole.MASK).stream().map(v -> v.name().substring(0, v.name().length() - 5)).toList();
  }

  static long maskedWeightCount(Network network) {
    return withRole(network, VariableRole.MASK).stream().mapToLong(v -> v.shape().size()).sum();
  }

  static long trainableCount(Network network) {
    return network.variableInfos().stream().filter(VariableInfo::trainable).mapToLong(VariableInfo::size).sum();
  }

  /** Batch-norm scopes ({@code S} of {@code S/gamma}), in creation order. */
  static List<String> batchNormScopes(Network network) {
    return withRole(network, VariableRole.GAMMA).stream().map(v -> v.name().substring(0, v.name().length() - 6)).toList();
  }

  static ModelVariable variable(Network network, String name) {
    return network.variables().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no variable " + name));
  }

  static boolean has(Network network, String name) {
    return network.variables().stream().anyMatch(v -> v.name().equals(name));
  }
}
