package org.rigl.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rigl.models.NetworkInspection.maskScopes;
import static org.rigl.models.NetworkInspection.variable;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** The MNIST MLP of mnist_train_eval.py. */
@Tag("fast")
class MnistFcTest {

  @Test
  void maskedLayers() {
    try (TfGraph g = new TfGraph()) {
      MnistFc net = new MnistFc(g.tf, g.masks);
      assertEquals(List.of("layer1", "layer2", "layer3"), maskScopes(net));
      assertArrayEquals(new long[] {784, 300}, g.masks.layers().get(0).shape().asArray());
      assertArrayEquals(new long[] {300, 100}, g.masks.layers().get(1).shape().asArray());
      assertArrayEquals(new long[] {100, 10}, g.masks.layers().get(2).shape().asArray());
      assertEquals(
          List.of("layer1/biases", "layer2/biases", "layer3/biases"),
          net.biases().stream().map(b -> b.op().name()).toList());
      assertEquals(net.biases(), net.otherTrainables());
      assertEquals(g.masks.layers(), net.kernels().stream().map(k -> k.masked()).toList());
      float[] logits = g.floats(net.logits(g.tf, g.tf.zeros(g.tf.constant(Shape.of(2, 784)), TFloat32.class)));
      assertArrayEquals(new float[20], logits, "zero input and zero biases give zero logits");
    }
  }

  @Test
  void inputWidthIsConfigurable() {
    try (TfGraph g = new TfGraph()) {
      MnistFc net = MnistFc.builder().inputs(123).build(g.tf, g.masks);
      assertArrayEquals(new long[] {123, 300}, g.masks.layers().get(0).shape().asArray());
      float[] logits = g.floats(net.logits(g.tf, g.tf.zeros(g.tf.constant(Shape.of(2, 123)), TFloat32.class)));
      assertEquals(20, logits.length);
    }
    assertThrows(IllegalArgumentException.class, () -> MnistFc.builder().inputs(0));
  }

  @Test
  void baselineUsesTfLayersNames() {
    try (TfGraph g = new TfGraph()) {
      MnistFc net = MnistFc.builder().pruningMethod("baseline").build(g.tf, g.masks);
      assertTrue(g.masks.layers().isEmpty());
      assertEquals(List.of("layer1/kernel", "layer2/kernel", "layer3/kernel"),
          net.kernels().stream().map(k -> k.variable().op().name()).toList());
      assertTrue(net.kernels().stream().noneMatch(k -> k.isMasked()));
      assertArrayEquals(new long[] {784, 300}, variable(net, "layer1/kernel").shape().asArray());
      assertArrayEquals(new long[] {10}, variable(net, "layer3/bias").shape().asArray());
      assertEquals(6, net.otherTrainables().size());
    }
    assertThrows(IllegalArgumentException.class, () -> MnistFc.builder().firstLayerSparsity(0));
  }
}
