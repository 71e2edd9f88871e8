package org.rigl.core.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** str_sparsities.read_all: the STR table keyed by overall sparsity / 100 in double precision. */
@Tag("fast")
class StrSparsitiesTest {

  private static final String INITIAL_CONV = "resnet_model/initial_conv/mask:0";
  private static final String FINAL_DENSE = "resnet_model/final_dense/mask:0";
  private static final String PROJECTION_G1 =
      "resnet_model/bottleneck_projection_block_group_projection_block_group1/mask:0";
  private static final String BLOCK_4_2_CONV2 = "resnet_model/bottleneck_2_block_group4_2_1/mask:0";

  @Test
  void theSixteenKeysAreExactDoubles() {
    assertEquals(List.of(0.7955, 0.8127, 0.877, 0.9023, 0.9055, 0.948, 0.9503, 0.9515, 0.9611, 0.9653, 0.9778,
        0.9804999999999999, 0.9822, 0.9879000000000001, 0.9898, 0.991), StrSparsities.availableSparsities());
  }

  @Test
  void everyKeyHasFiftyFourMasks() {
    for (Map<String, Double> layers : StrSparsities.readAll().values()) {
      assertEquals(54, layers.size());
      assertTrue(layers.containsKey(INITIAL_CONV));
      assertTrue(layers.containsKey(FINAL_DENSE));
    }
  }

  @ParameterizedTest
  @CsvSource({
      "0.8127, 0.514, 0.5246, 0.7295999999999999, 0.7497",
      "0.9023, 0.598, 0.645, 0.8334, 0.8437",
      "0.991, 0.7775, 0.9287000000000001, 0.9772, 0.99"
  })
  void tableExamples(double key, double initialConv, double finalDense, double projectionG1, double block422) {
    Map<String, Double> layers = StrSparsities.readAll().get(key);
    assertEquals(initialConv, layers.get(INITIAL_CONV));
    assertEquals(finalDense, layers.get(FINAL_DENSE));
    assertEquals(projectionG1, layers.get(PROJECTION_G1));
    assertEquals(block422, layers.get(BLOCK_4_2_CONV2));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.9805, 0.9879, 0.8})
  void keysThatAreNotExactDoublesAreRejected(double key) {
    List<MaskSpec> masks = List.of(new MaskSpec(INITIAL_CONV, new long[] {7, 7, 3, 64}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sparsities.compute(masks, "str", key, Map.of(), 1.0));
    assertTrue(e.getMessage().contains("sparsity: " + key + " is not defined"), e.getMessage());
    assertTrue(e.getMessage().contains("0.9804999999999999"), e.getMessage());
  }

  @Test
  void computeLooksUpMasksWithOrWithoutOutputIndexAndIgnoresCustomValues() {
    List<MaskSpec> masks = List.of(
        new MaskSpec("resnet_model/initial_conv/mask", new long[] {7, 7, 3, 64}),
        new MaskSpec(FINAL_DENSE, new long[] {2048, 1000}));
    Map<String, Double> s = Sparsities.compute(masks, "str", 0.8127, Map.of("resnet_model/initial_conv", 0.0), 1.0);
    assertEquals(List.of("resnet_model/initial_conv/mask", FINAL_DENSE), new ArrayList<>(s.keySet()));
    assertEquals(0.514, s.get("resnet_model/initial_conv/mask"));
    assertEquals(0.5246, s.get(FINAL_DENSE));
  }

  @Test
  void unknownMaskIsRejected() {
    List<MaskSpec> masks = List.of(new MaskSpec("resnet_model/other/mask:0", new long[] {3, 3}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StrSparsities.forMasks(masks, 0.8127));
    assertTrue(e.getMessage().contains("resnet_model/other/mask:0"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
      "conv1, resnet_model/initial_conv/mask:0",
      "fc, resnet_model/final_dense/mask:0",
      "layer3.0.downsample.0, resnet_model/bottleneck_projection_block_group_projection_block_group3/mask:0",
      "layer2.0.conv3, resnet_model/bottleneck_3_block_group_projection_block_group2/mask:0",
      "layer4.2.conv2, resnet_model/bottleneck_2_block_group4_2_1/mask:0",
      "layer1.1.conv1, resnet_model/bottleneck_1_block_group1_1_1/mask:0"
  })
  void torchNamesMapToMaskNames(String torchName, String maskName) {
    assertEquals(maskName, StrSparsities.maskNameForTorchLayer(torchName));
  }

  @Test
  void unknownTorchNameIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> StrSparsities.maskNameForTorchLayer("avgpool"));
  }
}
