package org.rigl.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rigl.models.NetworkInspection.has;
import static org.rigl.models.NetworkInspection.maskScopes;
import static org.rigl.models.NetworkInspection.maskedWeightCount;
import static org.rigl.models.NetworkInspection.variable;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rigl.models.layers.ModelVariable;

/** VGG names and counts (vgg.py: layers.repeat scopes, fc8). */
@Tag("fast")
class VggTest {

  @ParameterizedTest
  @CsvSource({"vgg_a, 9, 9729728", "vgg_16, 14, 15222464", "vgg_19, 17, 20530880"})
  void everyConvIsMasked(String type, int masks, long weights) {
    try (TfGraph g = new TfGraph()) {
      Network net = Vgg.builder().type(type).build(g.tf, g.masks);
      assertEquals(masks, g.masks.layers().size());
      assertEquals(weights, maskedWeightCount(net));
      assertEquals(type + "/conv1/conv1_1", maskScopes(net).get(0));
      assertEquals(type + "/fc8", maskScopes(net).get(masks - 1));
      assertArrayEquals(new long[] {1, 1, 512, 1000}, g.masks.layers().get(masks - 1).shape().asArray());
      assertTrue(net.otherTrainables().isEmpty(), "no batch norm, no biases on masked convs");
    }
  }

  @Test
  void vgg16ScopesFollowLayersRepeat() {
    try (TfGraph g = new TfGraph()) {
      Network net = Vgg.builder().type("vgg_16").build(g.tf, g.masks);
      assertEquals(
          List.of(
              "vgg_16/conv1/conv1_1", "vgg_16/conv1/conv1_2", "vgg_16/conv2/conv2_1", "vgg_16/conv2/conv2_2",
              "vgg_16/conv3/conv3_1", "vgg_16/conv3/conv3_2", "vgg_16/conv3/conv3_3", "vgg_16/conv4/conv4_1",
              "vgg_16/conv4/conv4_2", "vgg_16/conv4/conv4_3", "vgg_16/conv5/conv5_1", "vgg_16/conv5/conv5_2",
              "vgg_16/conv5/conv5_3", "vgg_16/fc8"),
          maskScopes(net));
      assertArrayEquals(new long[] {3, 3, 64, 128}, g.masks.layers().get(2).shape().asArray());
    }
  }

  @Test
  void unprunedFc8IsContribConvWithBiasAndNoRegularizer() {
    try (TfGraph g = new TfGraph()) {
      Network net = Vgg.builder().type("vgg_a").lastLayerSparsity(0).numClasses(10).build(g.tf, g.masks);
      assertFalse(has(net, "vgg_a/fc8/mask"));
      ModelVariable weights = variable(net, "vgg_a/fc8/weights");
      assertArrayEquals(new long[] {1, 1, 512, 10}, weights.shape().asArray());
      assertTrue(has(net, "vgg_a/fc8/biases"));
      assertFalse(net.regularizedKernels().contains(weights.variable()));
      assertEquals(8, net.regularizedKernels().size());
    }
  }
}
