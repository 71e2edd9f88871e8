package org.rigl.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.models.layers.VariableInfo;
import org.rigl.models.layers.VariableRole;

@Tag("fast")
class ModelZooTest {

  @Test
  void names() {
    assertEquals(
        List.of(
            "mnist_fc", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "resnet200", "mobilenet_v1",
            "mobilenet_v2", "vgg_16", "vgg_a", "vgg_19", "wrn_16_4"),
        ModelZoo.names());
  }

  @Test
  void unknownNameListsTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.factory("resnet51", ModelFlags.defaults()));
    assertTrue(e.getMessage().contains("'resnet51'"), e.getMessage());
    assertTrue(e.getMessage().contains(String.join(", ", ModelZoo.names())), e.getMessage());
  }

  @Test
  void describesResnet50WithTheImagenetDefaults() {
    List<VariableInfo> vars = ModelZoo.describeVariables("resnet50", ModelFlags.defaults());
    assertEquals(53 * 3 + 53 * 4 + 2, vars.size(), "53 masked layers, 53 BNs, stem kernel, final biases");
    VariableInfo stem = vars.get(0);
    assertEquals("resnet_model/initial_conv/initial_conv/weights", stem.name());
    assertEquals("resnet_model/initial_conv/initial_conv/weights [7, 7, 3, 64] float32 trainable", stem.toString());
    assertEquals(
        "resnet_model/batch_normalization/moving_mean [64] float32 non-trainable", vars.get(3).toString());
    assertEquals(
        25_557_032L, vars.stream().filter(VariableInfo::trainable).mapToLong(VariableInfo::size).sum());
    assertEquals(53, vars.stream().filter(v -> v.role() == VariableRole.MASK).count());
  }

  @Test
  void flagsReachTheBuilders() {
    ModelFlags flags =
        ModelFlags.defaults().withWidth(0.5).withFirstLayerSparsity(0.3).withLastLayerSparsity(0).withNumClasses(100);
    List<VariableInfo> vars = ModelZoo.describeVariables("resnet18", flags);
    assertEquals("resnet_model/initial_conv/mask [7, 7, 3, 32] float32 non-trainable", vars.get(0).toString());
    assertTrue(
        vars.stream().anyMatch(v -> v.toString().equals("resnet_model/final_dense/final_dense/weights [256, 100] float32 trainable")));
    try (TfGraph g = new TfGraph()) {
      Network net = ModelZoo.build("resnet18", flags, g.tf, g.masks);
      assertEquals(Map.of("resnet_model/initial_conv", 0.3), net.customSparsityMap());
      assertEquals(100, net.numClasses());
    }
  }

  @Test
  void wrnAndMnistDefaults() {
    List<VariableInfo> wrn = ModelZoo.describeVariables("wrn_16_4", ModelFlags.defaults());
    assertEquals(16, wrn.stream().filter(v -> v.role() == VariableRole.MASK).count());
    assertEquals("resnet_model/conv_1/conv_1/weights", wrn.get(0).name());
    List<VariableInfo> mnist = ModelZoo.describeVariables("mnist_fc", ModelFlags.defaults());
    assertEquals(List.of("layer1/mask", "layer1/weights", "layer1/threshold", "layer1/biases"),
        mnist.subList(0, 4).stream().map(VariableInfo::name).toList());
    assertThrows(IllegalArgumentException.class, () -> ModelZoo.factory("wrn_16_4", ModelFlags.defaults().withWidth(2)));
    ModelZoo.factory("wrn_16_4", ModelFlags.defaults().withWidth(4));
    assertThrows(
        IllegalArgumentException.class, () -> ModelZoo.factory("mnist_fc", ModelFlags.defaults().withFirstLayerSparsity(0)));
  }

  @Test
  void mobilenetAndVggEntries() {
    List<VariableInfo> v1 = ModelZoo.describeVariables("mobilenet_v1", ModelFlags.defaults().withLastLayerSparsity(0));
    assertEquals(13, v1.stream().filter(v -> v.role() == VariableRole.MASK).count());
    assertTrue(v1.stream().anyMatch(v -> v.name().equals("resnet_model/final_dense/kernel")));
    List<VariableInfo> vgg = ModelZoo.describeVariables("vgg_19", ModelFlags.defaults());
    assertEquals("vgg_19/conv1/conv1_1/mask", vgg.get(0).name());
    assertEquals(17, vgg.stream().filter(v -> v.role() == VariableRole.MASK).count());
  }
}
