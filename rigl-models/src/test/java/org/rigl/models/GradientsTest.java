package org.rigl.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rigl.core.train.GradientAndVariable;
import org.rigl.core.train.Gradients;
import org.rigl.models.layers.LabelSmoothedCrossEntropy;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Every layer has a gradient TF Java can build: what a sparse optimizer needs to train the model. */
@Tag("fast")
class GradientsTest {

  private static NetworkFactory small(String name) {
    return switch (name) {
      case "resnet" -> ResNet.builder().depth(18).width(0.25).numClasses(10).firstLayerSparsity(-1);
      case "mobilenet_v1" -> MobileNetV1.builder().width(0.25).numClasses(10).lastLayerSparsity(0);
      case "mobilenet_v2" -> MobileNetV2.builder().width(0.35).numClasses(10);
      case "vgg" -> Vgg.builder().type("vgg_a").width(0.125).numClasses(10).lastLayerSparsity(0);
      case "wrn" -> WideResNet.builder().depth(10).width(1);
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet", "mobilenet_v1", "mobilenet_v2", "vgg", "wrn"})
  void gradientsAreFiniteForEveryTrainable(String name) {
    try (TfGraph g = new TfGraph(1)) {
      Network net = small(name).build(g.tf, g.masks);
      ForwardPass pass = net.apply(g.tf, g.images(2, 32, 32, 3, 2), true);
      Operand<TFloat32> loss =
          g.tf.math.add(
              LabelSmoothedCrossEntropy.loss(g.tf, pass.logits(), g.tf.constant(new int[] {3, 7}), 10, 0.1f),
              net.regularizationLoss(g.tf, 1e-4f));
      Gradients gradients = Gradients.compute(g.graph, loss, g.masks.layers(), net.otherTrainables());
      List<Operand<TFloat32>> fetched = new ArrayList<>(gradients.maskedWeightGradients().values());
      gradients.variableGradients().stream().map(GradientAndVariable::gradient).forEach(fetched::add);
      assertEquals(2 * g.masks.layers().size() + net.otherTrainables().size(), fetched.size());
      double total = 0;
      for (float[] values : g.floats(fetched)) {
        for (float v : values) {
          assertTrue(Float.isFinite(v), name + " has a non-finite gradient");
          total += Math.abs(v);
        }
      }
      assertTrue(total > 0, name + " gradients are all zero");
    }
  }
}
