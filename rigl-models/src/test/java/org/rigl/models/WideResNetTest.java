package org.rigl.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rigl.models.NetworkInspection.batchNormScopes;
import static org.rigl.models.NetworkInspection.has;
import static org.rigl.models.NetworkInspection.maskScopes;
import static org.rigl.models.NetworkInspection.maskedWeightCount;
import static org.rigl.models.NetworkInspection.variable;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** WRN-16-4 for CIFAR-10, as cifar_resnet's WideResNetModel builds it with resnet_train_eval.py's defaults. */
@Tag("fast")
class WideResNetTest {

  @Test
  void wrn16x4MasksWithTheCifarDefaults() {
    try (TfGraph g = new TfGraph()) {
      Network net = WideResNet.builder().build(g.tf, g.masks);
      assertEquals(
          List.of(
              "resnet_model/skip_conv_2", "resnet_model/conv_2_0_1", "resnet_model/conv_2_0_2", "resnet_model/conv_2_1_1",
              "resnet_model/conv_2_1_2", "resnet_model/skip_conv_3", "resnet_model/conv_3_0_1", "resnet_model/conv_3_0_2",
              "resnet_model/conv_3_1_1", "resnet_model/conv_3_1_2", "resnet_model/skip_conv_4", "resnet_model/conv_4_0_1",
              "resnet_model/conv_4_0_2", "resnet_model/conv_4_1_1", "resnet_model/conv_4_1_2", "resnet_model/logits"),
          maskScopes(net));
      assertEquals(2_744_832L, maskedWeightCount(net));
      assertArrayEquals(new long[] {1, 1, 16, 64}, g.masks.layers().get(0).shape().asArray());
      assertArrayEquals(new long[] {256, 10}, g.masks.layers().get(15).shape().asArray());
      assertArrayEquals(new long[] {3, 3, 3, 16}, variable(net, "resnet_model/conv_1/conv_1/weights").shape().asArray());
      assertTrue(has(net, "resnet_model/logits/biases"));
      assertEquals(13, batchNormScopes(net).size());
      assertEquals("resnet_model/batch_normalization_12", batchNormScopes(net).get(12));
      assertArrayEquals(new long[] {16}, variable(net, "resnet_model/batch_normalization/gamma").shape().asArray());
      assertEquals(17, net.regularizedKernels().size(), "every kernel, conv_1 included");
      assertEquals(Map.of(), net.customSparsityMap());
    }
  }

  @Test
  void prunedFirstLayerAndBaselineMethod() {
    try (TfGraph g = new TfGraph()) {
      Network net = WideResNet.builder().firstLayerSparsity(0.5).build(g.tf, g.masks);
      assertEquals("resnet_model/conv_1", maskScopes(net).get(0));
      assertEquals(Map.of("resnet_model/conv_1", 0.5), net.customSparsityMap());
    }
    try (TfGraph g = new TfGraph()) {
      Network net = WideResNet.builder().pruningMethod("baseline").firstLayerSparsity(-1).build(g.tf, g.masks);
      assertTrue(g.masks.layers().isEmpty());
      assertTrue(has(net, "resnet_model/conv_2_0_1/conv_2_0_1/weights"));
      assertTrue(has(net, "resnet_model/skip_conv_2/skip_conv_2/weights"));
      assertTrue(has(net, "resnet_model/logits/logits/biases"));
      assertFalse(has(net, "resnet_model/conv_1/mask"));
    }
    assertThrows(IllegalArgumentException.class, () -> WideResNet.builder().depth(15));
  }
}
