package org.rigl.core.sparsity;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mask variable as seen by the sparsity code: its name and its shape.
 *
 * <p>The name is either the op name ({@code "resnet_model/initial_conv/mask"}) or the tensor name the
 * reference uses ({@code "resnet_model/initial_conv/mask:0"}); both are accepted everywhere.
 */
public record MaskSpec(String name, long[] shape) {

  private static final Pattern MASK_NAME = Pattern.compile("(.+)/mask(?::0)?");

  public MaskSpec {
    Objects.requireNonNull(name, "name");
    shape = Objects.requireNonNull(shape, "shape").clone();
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape) + " of " + name);
      }
    }
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of elements (np.prod of the shape; 1 for a scalar). */
  public long size() {
    return SparsityCounts.numElements(shape);
  }

  /** The layer scope of this mask; see {@link #layerScopeOf(String)}. */
  public String layerScope() {
    return layerScopeOf(name);
  }

  /**
   * Port of sparse_utils.mask_extract_name_fn: the scope in front of {@code "/mask"} (optionally followed by
   * {@code ":0"}), e.g. {@code "layer2/mask:0"} → {@code "layer2"}. Unlike the reference regex search, the
   * whole name must match, so a name that is not a mask name is rejected instead of partially matched.
   */
  public static String layerScopeOf(String maskName) {
    Matcher m = MASK_NAME.matcher(maskName);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Not a mask name (expected '<scope>/mask' or '<scope>/mask:0'): '" + maskName + "'");
    }
    return m.group(1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MaskSpec other && name.equals(other.name) && Arrays.equals(shape, other.shape);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "MaskSpec[" + name + ", " + Arrays.toString(shape) + "]";
  }
}
