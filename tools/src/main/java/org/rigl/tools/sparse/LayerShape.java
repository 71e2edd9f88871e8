package org.rigl.tools.sparse;

import java.util.Map;

/** One layer's product {@code [batch, in] x [in, out]}, written {@code BATCHxINxOUT} on the command line. */
public record LayerShape(int batch, int in, int out) {
  private static final Map<LayerShape, String> KNOWN = Map.of(
      new LayerShape(100, 784, 300), "MLP layer1",
      new LayerShape(32, 640, 1536), "GRU gates",
      new LayerShape(128, 2048, 1000), "ResNet-50 fc",
      new LayerShape(3136, 1024, 256), "1x1 conv");

  public static LayerShape parse(String text) {
    String[] parts = text.trim().split("x");
    if (parts.length != 3) {
      throw new IllegalArgumentException("a layer shape is BATCHxINxOUT, e.g. 100x784x300, not '" + text + "'");
    }
    try {
      LayerShape shape = new LayerShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
          Integer.parseInt(parts[2]));
      if (shape.batch <= 0 || shape.in <= 0 || shape.out <= 0) {
        throw new IllegalArgumentException("a layer shape needs positive sizes, not '" + text + "'");
      }
      return shape;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a layer shape is BATCHxINxOUT, e.g. 100x784x300, not '" + text + "'");
    }
  }

  /** {@code MLP layer1 [100, 784→300]}, or the bare shape for a layer the paper's models do not have. */
  public String describe() {
    String dims = "[" + batch + ", " + in + "→" + out + "]";
    String name = KNOWN.get(this);
    return name == null ? dims : name + " " + dims;
  }
}
