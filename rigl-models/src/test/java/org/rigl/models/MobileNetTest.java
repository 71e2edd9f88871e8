package org.rigl.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rigl.models.NetworkInspection.batchNormScopes;
import static org.rigl.models.NetworkInspection.has;
import static org.rigl.models.NetworkInspection.maskScopes;
import static org.rigl.models.NetworkInspection.maskedWeightCount;
import static org.rigl.models.NetworkInspection.trainableCount;
import static org.rigl.models.NetworkInspection.variable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rigl.models.layers.ModelVariable;

/** MobileNet v1/v2 names and counts as mobilenetv1_model.py and mobilenetv2_model.py create them. */
@Tag("fast")
class MobileNetTest {

  @Test
  void mobilenetV1MasksThePointwiseConvsAndTheClassifier() {
    try (TfGraph g = new TfGraph()) {
      Network net = MobileNetV1.builder().build(g.tf, g.masks);
      List<String> expected = new ArrayList<>();
      for (int id = 0; id < 13; id++) {
        expected.add("resnet_model/contraction_1x1_" + id);
      }
      expected.add("resnet_model/final_dense");
      assertEquals(expected, maskScopes(net));
      assertEquals(4_163_584L, maskedWeightCount(net));
      assertEquals(4_231_976L, trainableCount(net));
      assertArrayEquals(new long[] {1, 1, 32, 64}, g.masks.layers().get(0).shape().asArray());
      assertArrayEquals(new long[] {1024, 1000}, g.masks.layers().get(13).shape().asArray());
      assertTrue(has(net, "resnet_model/final_dense/biases"));

      ModelVariable stem = variable(net, "resnet_model/initial_conv/kernel");
      assertArrayEquals(new long[] {3, 3, 3, 32}, stem.shape().asArray());
      ModelVariable depthwise = variable(net, "resnet_model/depthwise_nxn_12/depthwise_weights");
      assertArrayEquals(new long[] {3, 3, 1024, 1}, depthwise.shape().asArray());
      assertTrue(net.otherTrainables().contains(depthwise.variable()));
      assertFalse(net.regularizedKernels().contains(depthwise.variable()), "depthwise kernels are not decayed");
      assertTrue(net.regularizedKernels().contains(stem.variable()));
      assertEquals(15, net.regularizedKernels().size());
      assertEquals(27, batchNormScopes(net).size());
      assertEquals("resnet_model/batch_normalization_26", batchNormScopes(net).get(26));
    }
  }

  @Test
  void mobilenetV1UnprunedClassifierIsAPlainTfLayersDense() {
    try (TfGraph g = new TfGraph()) {
      Network net = MobileNetV1.builder().lastLayerSparsity(0).firstLayerSparsity(-1).build(g.tf, g.masks);
      assertEquals(13, g.masks.layers().size());
      assertFalse(has(net, "resnet_model/initial_conv/mask"), "the stem is never masked");
      assertArrayEquals(new long[] {1024, 1000}, variable(net, "resnet_model/final_dense/kernel").shape().asArray());
      assertTrue(has(net, "resnet_model/final_dense/bias"));
    }
  }

  @Test
  void mobilenetV1WidthUsesMakeDivisible() {
    try (TfGraph g = new TfGraph()) {
      Network net = MobileNetV1.builder().width(0.25).numClasses(10).build(g.tf, g.masks);
      assertEquals(198_784L, maskedWeightCount(net));
      assertArrayEquals(new long[] {1, 1, 8, 16}, g.masks.layers().get(0).shape().asArray());
      assertArrayEquals(new long[] {256, 10}, g.masks.layers().get(13).shape().asArray());
    }
  }

  @Test
  void mobilenetV2() {
    try (TfGraph g = new TfGraph()) {
      Network net = MobileNetV2.builder().build(g.tf, g.masks);
      List<String> scopes = maskScopes(net);
      assertEquals(35, scopes.size());
      assertEquals(
          List.of(
              "resnet_model/contraction_1x1_0", "resnet_model/expand_1x1_1", "resnet_model/contraction_1x1_1",
              "resnet_model/expand_1x1_2"),
          scopes.subList(0, 4));
      assertEquals(
          List.of("resnet_model/contraction_1x1_16", "resnet_model/final_1x1_conv", "resnet_model/final_dense"),
          scopes.subList(32, 35));
      assertArrayEquals(new long[] {1, 1, 16, 96}, g.masks.layers().get(1).shape().asArray());
      assertArrayEquals(new long[] {1, 1, 960, 320}, g.masks.layers().get(32).shape().asArray());
      assertArrayEquals(new long[] {1, 1, 320, 1280}, g.masks.layers().get(33).shape().asArray());
      assertEquals(3_404_672L, maskedWeightCount(net));
      assertEquals(3_504_872L, trainableCount(net));
      assertEquals(52, batchNormScopes(net).size());
      assertArrayEquals(
          new long[] {3, 3, 96, 1}, variable(net, "resnet_model/depthwise_nxn_1/depthwise_weights").shape().asArray());
    }
  }
}
