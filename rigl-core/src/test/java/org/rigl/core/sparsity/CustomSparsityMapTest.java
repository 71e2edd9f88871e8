package org.rigl.core.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CustomSparsityMapTest {

  @Test
  void parsesNamesAndValuesInOrder() {
    Map<String, Double> map = CustomSparsityMap.parse("resnet_model/initial_conv:0.0, layer2:0.75");
    assertEquals(List.of("resnet_model/initial_conv", "layer2"), List.copyOf(map.keySet()));
    assertEquals(0.0, map.get("resnet_model/initial_conv"));
    assertEquals(0.75, map.get("layer2"));
  }

  @Test
  void valueFollowsTheLastColon() {
    assertEquals(Map.of("conv1/kernel:0", 0.5), CustomSparsityMap.parse("conv1/kernel:0:0.5"));
  }

  @Test
  void blankIsEmpty() {
    assertTrue(CustomSparsityMap.parse("").isEmpty());
    assertTrue(CustomSparsityMap.parse("  ").isEmpty());
    assertTrue(CustomSparsityMap.parse(null).isEmpty());
  }

  @Test
  void malformedEntriesGiveOneLineErrors() {
    for (String bad : new String[] {"layer2", "layer2:", ":0.5", "layer2:abc", "a:0.1,,b:0.2", "a:0.1,"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CustomSparsityMap.parse(bad));
      assertTrue(e.getMessage().startsWith("Malformed custom sparsity map entry"), e.getMessage());
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
  }

  @Test
  void rejectsDuplicatesAndOutOfRangeValues() {
    IllegalArgumentException dup =
        assertThrows(IllegalArgumentException.class, () -> CustomSparsityMap.parse("a:0.1,a:0.2"));
    assertTrue(dup.getMessage().contains("Duplicate name 'a'"), dup.getMessage());
    IllegalArgumentException range =
        assertThrows(IllegalArgumentException.class, () -> CustomSparsityMap.parse("a:1.0"));
    assertTrue(range.getMessage().contains("1.0"), range.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CustomSparsityMap.parse("a:-0.1"));
  }
}
