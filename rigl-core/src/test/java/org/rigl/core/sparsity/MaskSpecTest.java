package org.rigl.core.sparsity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class MaskSpecTest {

  @Test
  void layerScopeAcceptsOpAndTensorNames() {
    assertEquals("resnet_model/initial_conv", MaskSpec.layerScopeOf("resnet_model/initial_conv/mask:0"));
    assertEquals("resnet_model/initial_conv", MaskSpec.layerScopeOf("resnet_model/initial_conv/mask"));
    assertEquals("layer2", new MaskSpec("layer2/mask", new long[] {3, 3}).layerScope());
    // Greedy like the reference regex: the scope runs up to the last "/mask".
    assertEquals("a/mask/b", MaskSpec.layerScopeOf("a/mask/b/mask:0"));
  }

  @Test
  void layerScopeRejectsNonMaskNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MaskSpec.layerScopeOf("conv1/kernel:0"));
    assertTrue(e.getMessage().contains("'conv1/kernel:0'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MaskSpec.layerScopeOf("/mask:0"));
    assertThrows(IllegalArgumentException.class, () -> MaskSpec.layerScopeOf("layer/mask:1"));
  }

  @Test
  void shapeIsCopiedAndComparedByValue() {
    long[] shape = {2, 3};
    MaskSpec spec = new MaskSpec("var1/mask", shape);
    shape[0] = 99;
    spec.shape()[1] = 99;
    assertArrayEquals(new long[] {2, 3}, spec.shape());
    assertEquals(6, spec.size());
    assertEquals(new MaskSpec("var1/mask", new long[] {2, 3}), spec);
    assertEquals(new MaskSpec("var1/mask", new long[] {2, 3}).hashCode(), spec.hashCode());
  }
}
