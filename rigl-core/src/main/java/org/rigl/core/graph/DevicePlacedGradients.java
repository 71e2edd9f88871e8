package org.rigl.core.graph;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.internal.c_api.TF_Buffer;
import org.tensorflow.internal.c_api.TF_ImportGraphDefOptions;
import org.tensorflow.internal.c_api.TF_Output;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * {@code Graph.addGradients} with every backward op on one device: a data-parallel tower's
 * backward pass runs where its forward pass does.
 *
 * <p>TF Java's gradient builder (the C API's {@code TF_AddGradientsWithPrefix}) takes no device,
 * and TF's placer puts unplaced ops on the first device of the best type, so every tower's
 * backward pass would land on GPU 0. Python TF avoids this with {@code colocate_gradients_with_ops};
 * here the gradients are built in a scratch copy of the graph, their nodes get the device, and are
 * imported back into the real graph with their inputs mapped onto its existing tensors. Node names
 * are those {@code addGradients(prefix, ...)} would give; the result is the same function.
 */
public final class DevicePlacedGradients {
  private DevicePlacedGradients() {}

  /**
   * dy/dx for each x (summed over {@code ys} as {@code addGradients} does), under
   * {@code prefix/}, every new op requesting {@code device} (e.g. {@code /device:GPU:1}).
   */
  public static Output<?>[] add(Graph graph, String prefix, String device, Output<?>[] ys, Output<?>[] xs) {
    if (device == null || device.isEmpty()) {
      return graph.addGradients(prefix, ys, xs, null);
    }
    String scope = prefix + "/";
    if (hasOpUnder(graph, scope)) {
      throw new IllegalArgumentException("gradient prefix '" + prefix + "' is already used in the graph");
    }
    GraphDef backward;
    String[] gradientNames = new String[xs.length];
    try (Graph scratch = new Graph()) {
      scratch.importGraphDef(graph.toGraphDef());
      Output<?>[] grads = scratch.addGradients(prefix, sameIn(scratch, ys), sameIn(scratch, xs), null);
      for (int i = 0; i < grads.length; i++) {
        gradientNames[i] = grads[i].op().name() + ":" + grads[i].index();
      }
      backward = onlyUnder(scratch.toGraphDef(), scope, device);
    }
    importMapped(graph, backward);
    Output<?>[] result = new Output<?>[xs.length];
    for (int i = 0; i < xs.length; i++) {
      result[i] = output(graph, gradientNames[i]);
    }
    return result;
  }

  private static boolean hasOpUnder(Graph graph, String scope) {
    for (var it = graph.operations(); it.hasNext(); ) {
      if (it.next().name().startsWith(scope)) {
        return true;
      }
    }
    return false;
  }

  private static Output<?>[] sameIn(Graph scratch, Output<?>[] outputs) {
    Output<?>[] same = new Output<?>[outputs.length];
    for (int i = 0; i < outputs.length; i++) {
      same[i] = scratch.operationOrThrow(outputs[i].op().name()).output(outputs[i].index());
    }
    return same;
  }

  /** The nodes under {@code scope} (the backward pass), each requesting {@code device}. */
  private static GraphDef onlyUnder(GraphDef all, String scope, String device) {
    GraphDef.Builder backward = GraphDef.newBuilder().setVersions(all.getVersions());
    for (NodeDef node : all.getNodeList()) {
      if (node.getName().startsWith(scope)) {
        backward.addNode(node.getDevice().isEmpty() ? node.toBuilder().setDevice(device).build() : node);
      }
    }
    return backward.build();
  }

  /**
   * Imports {@code backward} into {@code graph} under its own names; inputs from outside it (the
   * forward pass, the variables) are mapped onto the graph's tensors of the same names.
   */
  private static void importMapped(Graph graph, GraphDef backward) {
    Set<String> inside = new HashSet<>();
    backward.getNodeList().forEach(n -> inside.add(n.getName()));
    Map<String, Output<?>> dataInputs = new LinkedHashMap<>();
    Map<String, GraphOperation> controlInputs = new LinkedHashMap<>();
    for (NodeDef node : backward.getNodeList()) {
      for (String input : node.getInputList()) {
        boolean control = input.startsWith("^");
        String tensor = control ? input.substring(1) : input;
        String op = tensor.contains(":") ? tensor.substring(0, tensor.lastIndexOf(':')) : tensor;
        if (inside.contains(op)) {
          continue;
        }
        if (control) {
          controlInputs.put(op, graph.operationOrThrow(op));
        } else {
          dataInputs.put(tensor, output(graph, tensor));
        }
      }
    }
    NativeGraphs.withHandle(graph, handle -> {
      try (PointerScope scope = new PointerScope()) {
        TF_ImportGraphDefOptions options = TF_ImportGraphDefOptions.newImportGraphDefOptions();
        for (Map.Entry<String, Output<?>> e : dataInputs.entrySet()) {
          String tensor = e.getKey();
          int colon = tensor.lastIndexOf(':');
          String name = colon < 0 ? tensor : tensor.substring(0, colon);
          int index = colon < 0 ? 0 : Integer.parseInt(tensor.substring(colon + 1));
          GraphOperation op = (GraphOperation) e.getValue().op();
          TF_Output target = new TF_Output().oper(op.getUnsafeNativeHandle()).index(e.getValue().index());
          tensorflow.TF_ImportGraphDefOptionsAddInputMapping(options, name, index, target);
        }
        for (Map.Entry<String, GraphOperation> e : controlInputs.entrySet()) {
          tensorflow.TF_ImportGraphDefOptionsRemapControlDependency(options, e.getKey(), e.getValue().getUnsafeNativeHandle());
        }
        TF_Buffer buffer = TF_Buffer.newBufferFromString(backward);
        TF_Status status = TF_Status.newStatus();
        tensorflow.TF_GraphImportGraphDef(handle, buffer, options, status);
        status.throwExceptionIfNotOK();
      }
      return null;
    });
  }

  private static Output<?> output(Graph graph, String tensor) {
    int colon = tensor.lastIndexOf(':');
    String name = colon < 0 ? tensor : tensor.substring(0, colon);
    int index = colon < 0 ? 0 : Integer.parseInt(tensor.substring(colon + 1));
    return graph.operationOrThrow(name).output(index);
  }
}
