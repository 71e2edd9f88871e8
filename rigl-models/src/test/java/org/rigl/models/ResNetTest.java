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
import static org.rigl.models.NetworkInspection.trainableCount;
import static org.rigl.models.NetworkInspection.variable;
import static org.rigl.models.NetworkInspection.withRole;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rigl.models.layers.ModelVariable;
import org.rigl.models.layers.VariableRole;

/** ResNet variable names, shapes and counts as resnet_model.py creates them: reference checkpoints restore by these. */
class ResNetTest {

  private record Row(String scope, long[] shape) {}

  private static Row row(String scope, long... shape) {
    return new Row(scope, shape);
  }

  /** ResNet-50 with first_layer_sparsity=-1: every masked layer in creation order. */
  private static final List<Row> RESNET50_MASKS =
      List.of(
          row("resnet_model/initial_conv", 7, 7, 3, 64),
          row("resnet_model/bottleneck_projection_block_group_projection_block_group1", 1, 1, 64, 256),
          row("resnet_model/bottleneck_1_block_group_projection_block_group1", 1, 1, 64, 64),
          row("resnet_model/bottleneck_2_block_group_projection_block_group1", 3, 3, 64, 64),
          row("resnet_model/bottleneck_3_block_group_projection_block_group1", 1, 1, 64, 256),
          row("resnet_model/bottleneck_1_block_group1_1_1", 1, 1, 256, 64),
          row("resnet_model/bottleneck_2_block_group1_1_1", 3, 3, 64, 64),
          row("resnet_model/bottleneck_3_block_group1_1_1", 1, 1, 64, 256),
          row("resnet_model/bottleneck_1_block_group1_2_1", 1, 1, 256, 64),
          row("resnet_model/bottleneck_2_block_group1_2_1", 3, 3, 64, 64),
          row("resnet_model/bottleneck_3_block_group1_2_1", 1, 1, 64, 256),
          row("resnet_model/bottleneck_projection_block_group_projection_block_group2", 1, 1, 256, 512),
          row("resnet_model/bottleneck_1_block_group_projection_block_group2", 1, 1, 256, 128),
          row("resnet_model/bottleneck_2_block_group_projection_block_group2", 3, 3, 128, 128),
          row("resnet_model/bottleneck_3_block_group_projection_block_group2", 1, 1, 128, 512),
          row("resnet_model/bottleneck_1_block_group2_1_1", 1, 1, 512, 128),
          row("resnet_model/bottleneck_2_block_group2_1_1", 3, 3, 128, 128),
          row("resnet_model/bottleneck_3_block_group2_1_1", 1, 1, 128, 512),
          row("resnet_model/bottleneck_1_block_group2_2_1", 1, 1, 512, 128),
          row("resnet_model/bottleneck_2_block_group2_2_1", 3, 3, 128, 128),
          row("resnet_model/bottleneck_3_block_group2_2_1", 1, 1, 128, 512),
          row("resnet_model/bottleneck_1_block_group2_3_1", 1, 1, 512, 128),
          row("resnet_model/bottleneck_2_block_group2_3_1", 3, 3, 128, 128),
          row("resnet_model/bottleneck_3_block_group2_3_1", 1, 1, 128, 512),
          row("resnet_model/bottleneck_projection_block_group_projection_block_group3", 1, 1, 512, 1024),
          row("resnet_model/bottleneck_1_block_group_projection_block_group3", 1, 1, 512, 256),
          row("resnet_model/bottleneck_2_block_group_projection_block_group3", 3, 3, 256, 256),
          row("resnet_model/bottleneck_3_block_group_projection_block_group3", 1, 1, 256, 1024),
          row("resnet_model/bottleneck_1_block_group3_1_1", 1, 1, 1024, 256),
          row("resnet_model/bottleneck_2_block_group3_1_1", 3, 3, 256, 256),
          row("resnet_model/bottleneck_3_block_group3_1_1", 1, 1, 256, 1024),
          row("resnet_model/bottleneck_1_block_group3_2_1", 1, 1, 1024, 256),
          row("resnet_model/bottleneck_2_block_group3_2_1", 3, 3, 256, 256),
          row("resnet_model/bottleneck_3_block_group3_2_1", 1, 1, 256, 1024),
          row("resnet_model/bottleneck_1_block_group3_3_1", 1, 1, 1024, 256),
          row("resnet_model/bottleneck_2_block_group3_3_1", 3, 3, 256, 256),
          row("resnet_model/bottleneck_3_block_group3_3_1", 1, 1, 256, 1024),
          row("resnet_model/bottleneck_1_block_group3_4_1", 1, 1, 1024, 256),
          row("resnet_model/bottleneck_2_block_group3_4_1", 3, 3, 256, 256),
          row("resnet_model/bottleneck_3_block_group3_4_1", 1, 1, 256, 1024),
          row("resnet_model/bottleneck_1_block_group3_5_1", 1, 1, 1024, 256),
          row("resnet_model/bottleneck_2_block_group3_5_1", 3, 3, 256, 256),
          row("resnet_model/bottleneck_3_block_group3_5_1", 1, 1, 256, 1024),
          row("resnet_model/bottleneck_projection_block_group_projection_block_group4", 1, 1, 1024, 2048),
          row("resnet_model/bottleneck_1_block_group_projection_block_group4", 1, 1, 1024, 512),
          row("resnet_model/bottleneck_2_block_group_projection_block_group4", 3, 3, 512, 512),
          row("resnet_model/bottleneck_3_block_group_projection_block_group4", 1, 1, 512, 2048),
          row("resnet_model/bottleneck_1_block_group4_1_1", 1, 1, 2048, 512),
          row("resnet_model/bottleneck_2_block_group4_1_1", 3, 3, 512, 512),
          row("resnet_model/bottleneck_3_block_group4_1_1", 1, 1, 512, 2048),
          row("resnet_model/bottleneck_1_block_group4_2_1", 1, 1, 2048, 512),
          row("resnet_model/bottleneck_2_block_group4_2_1", 3, 3, 512, 512),
          row("resnet_model/bottleneck_3_block_group4_2_1", 1, 1, 512, 2048),
          row("resnet_model/final_dense", 2048, 1000));

  private static Network resnet50(TfGraph g, double firstLayerSparsity) {
    return ResNet.builder().depth(50).firstLayerSparsity(firstLayerSparsity).build(g.tf, g.masks);
  }

  @Test
  void resnet50MasksInCreationOrder() {
    try (TfGraph g = new TfGraph()) {
      Network net = resnet50(g, -1);
      assertEquals(54, g.masks.layers().size());
      List<ModelVariable> masks = withRole(net, VariableRole.MASK);
      assertEquals(RESNET50_MASKS.size(), masks.size());
      for (int i = 0; i < masks.size(); i++) {
        assertEquals(RESNET50_MASKS.get(i).scope() + "/mask", masks.get(i).name(), "mask " + i);
        assertArrayEquals(RESNET50_MASKS.get(i).shape(), masks.get(i).shape().asArray(), "shape of mask " + i);
        assertEquals(g.masks.layers().get(i).maskName(), masks.get(i).name(), "registry order " + i);
      }
      assertEquals(25_502_912L, maskedWeightCount(net));
      assertEquals(25_557_032L, trainableCount(net));
      assertTrue(has(net, "resnet_model/initial_conv/weights"));
      assertTrue(has(net, "resnet_model/initial_conv/threshold"));
      assertTrue(has(net, "resnet_model/final_dense/biases"));
      assertEquals(54, net.regularizedKernels().size());
      assertEquals(2 * 53 + 1, net.otherTrainables().size(), "gamma, beta per BN and the final biases");
      assertEquals(Map.of(), net.customSparsityMap());
    }
  }

  @Test
  void resnet50BatchNormNamedByCreationIndex() {
    try (TfGraph g = new TfGraph()) {
      Network net = resnet50(g, -1);
      List<String> expected = new ArrayList<>();
      expected.add("resnet_model/batch_normalization");
      for (int k = 1; k <= 52; k++) {
        expected.add("resnet_model/batch_normalization_" + k);
      }
      assertEquals(expected, batchNormScopes(net));
      for (String suffix : List.of("gamma", "beta", "moving_mean", "moving_variance")) {
        ModelVariable v = variable(net, "resnet_model/batch_normalization_52/" + suffix);
        assertArrayEquals(new long[] {2048}, v.shape().asArray());
        assertEquals(suffix.equals("gamma") || suffix.equals("beta"), v.trainable(), suffix);
      }
      assertArrayEquals(new long[] {64}, variable(net, "resnet_model/batch_normalization/gamma").shape().asArray());
      assertArrayEquals(
          new long[] {256}, variable(net, "resnet_model/batch_normalization_1/beta").shape().asArray(),
          "the projection's BN comes right after the stem's");
    }
  }

  @Test
  void defaultFirstLayerIsAPlainConvWithTheBaselineName() {
    try (TfGraph g = new TfGraph()) {
      Network net = resnet50(g, 0);
      assertEquals(53, g.masks.layers().size());
      assertFalse(has(net, "resnet_model/initial_conv/mask"));
      ModelVariable kernel = variable(net, "resnet_model/initial_conv/initial_conv/weights");
      assertArrayEquals(new long[] {7, 7, 3, 64}, kernel.shape().asArray());
      assertTrue(kernel.trainable());
      assertTrue(net.otherTrainables().contains(kernel.variable()));
      assertTrue(net.regularizedKernels().contains(kernel.variable()));
      assertEquals("resnet_model/bottleneck_projection_block_group_projection_block_group1", maskScopes(net).get(0));
      assertEquals(25_502_912L - 7 * 7 * 3 * 64, maskedWeightCount(net));
      assertEquals(25_557_032L, trainableCount(net));
    }
  }

  @Test
  void unmaskedLastLayerUsesTheNestedTfLayersScope() {
    try (TfGraph g = new TfGraph()) {
      Network net = ResNet.builder().depth(50).lastLayerSparsity(0).build(g.tf, g.masks);
      assertFalse(has(net, "resnet_model/final_dense/mask"));
      assertArrayEquals(
          new long[] {2048, 1000}, variable(net, "resnet_model/final_dense/final_dense/weights").shape().asArray());
      assertTrue(has(net, "resnet_model/final_dense/final_dense/biases"));
      assertEquals(52, g.masks.layers().size());
    }
  }

  @Test
  void positiveFirstAndLastSparsityBecomeCustomMapEntries() {
    try (TfGraph g = new TfGraph()) {
      Network net =
          ResNet.builder().depth(50).firstLayerSparsity(0.5).lastLayerSparsity(0.8).build(g.tf, g.masks);
      assertEquals(Map.of("resnet_model/initial_conv", 0.5, "resnet_model/final_dense", 0.8), net.customSparsityMap());
      assertEquals("resnet_model/initial_conv", maskScopes(net).get(0));
    }
  }

  @ParameterizedTest
  @CsvSource({"18, 22, 11683008, 21", "34, 38, 21783744, 37", "101, 105, 44442816, 104", "152, 156, 60040384, 155",
    "200, 204, 64496832, 203"})
  void otherDepths(int depth, int masks, long weights, int batchNorms) {
    try (TfGraph g = new TfGraph()) {
      Network net = ResNet.builder().depth(depth).firstLayerSparsity(-1).build(g.tf, g.masks);
      assertEquals(masks, g.masks.layers().size());
      assertEquals(weights, maskedWeightCount(net));
      assertEquals(batchNorms, batchNormScopes(net).size());
    }
  }

  @Test
  void basicBlocksUseResidualNames() {
    try (TfGraph g = new TfGraph()) {
      Network net = ResNet.builder().depth(18).firstLayerSparsity(-1).build(g.tf, g.masks);
      List<String> scopes = maskScopes(net);
      assertEquals(
          List.of(
              "resnet_model/initial_conv",
              "resnet_model/residual_projection_block_group_projection_block_group1",
              "resnet_model/residual_1_block_group_projection_block_group1",
              "resnet_model/residual_2_block_group_projection_block_group1",
              "resnet_model/residual_1_block_group1_1_1",
              "resnet_model/residual_2_block_group1_1_1"),
          scopes.subList(0, 6));
      assertEquals("resnet_model/final_dense", scopes.get(scopes.size() - 1));
      assertArrayEquals(new long[] {512, 1000}, g.masks.layers().get(scopes.size() - 1).shape().asArray());
    }
  }

  @Test
  void widthScalesEveryLayer() {
    try (TfGraph g = new TfGraph()) {
      Network net = ResNet.builder().depth(18).width(0.25).numClasses(10).firstLayerSparsity(-1).build(g.tf, g.masks);
      assertEquals(701_232L, maskedWeightCount(net));
      assertEquals(703_674L, trainableCount(net));
      assertArrayEquals(new long[] {7, 7, 3, 16}, g.masks.layers().get(0).shape().asArray());
    }
  }

  @Test
  void lastBatchNormOfEachResidualBranchStartsAtZero() {
    try (TfGraph g = new TfGraph()) {
      Network net = ResNet.builder().depth(18).width(0.25).build(g.tf, g.masks);
      // BN 0: stem; 1: projection; 2: residual_1; 3: residual_2 (init_zero); 4, 5: next block.
      List<float[]> gammas =
          g.floats(
              List.of(
                  variable(net, "resnet_model/batch_normalization_1/gamma").variable(),
                  variable(net, "resnet_model/batch_normalization_2/gamma").variable(),
                  variable(net, "resnet_model/batch_normalization_3/gamma").variable(),
                  variable(net, "resnet_model/batch_normalization_5/gamma").variable()));
      assertArrayEquals(filled(16, 1f), gammas.get(0));
      assertArrayEquals(filled(16, 1f), gammas.get(1));
      assertArrayEquals(filled(16, 0f), gammas.get(2));
      assertArrayEquals(filled(16, 0f), gammas.get(3));
      assertArrayEquals(
          filled(16, 1f), g.floats(variable(net, "resnet_model/batch_normalization_3/moving_variance").variable()));
    }
  }

  @Test
  void sparseInitMethodFailsOnConvolutionsAsInTheReference() {
    try (TfGraph g = new TfGraph()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ResNet.builder().depth(18).initMethod("sparse").endSparsity(0.9).build(g.tf, g.masks));
      assertTrue(e.getMessage().contains("Weights must be 2-dimensional"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> ResNet.builder().initMethod("random_zeros"));
    assertThrows(IllegalArgumentException.class, () -> ResNet.builder().depth(51));
    assertThrows(IllegalArgumentException.class, () -> ResNet.builder().dataFormat("channels_first"));
  }

  private static float[] filled(int n, float value) {
    float[] out = new float[n];
    Arrays.fill(out, value);
    return out;
  }
}
