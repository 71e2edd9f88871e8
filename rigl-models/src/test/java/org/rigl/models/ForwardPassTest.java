package org.rigl.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rigl.models.NetworkInspection.batchNormScopes;
import static org.rigl.models.NetworkInspection.variable;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Small networks on 32x32 inputs: determinism, batch statistics vs moving averages, dropout. */
@Tag("fast")
class ForwardPassTest {

  private static final NetworkFactory SMALL_RESNET =
      ResNet.builder().depth(18).width(0.25).numClasses(10).firstLayerSparsity(-1);
  private static final NetworkFactory SMALL_MOBILENET = MobileNetV1.builder().width(0.25).numClasses(10);

  private static float[] logits(NetworkFactory factory, long seed, boolean training) {
    try (TfGraph g = new TfGraph(seed)) {
      Network net = factory.build(g.tf, g.masks);
      return g.floats(net.apply(g.tf, g.images(2, 32, 32, 3, 7), training).logits());
    }
  }

  @Test
  void sameSeedSameLogits() {
    for (NetworkFactory factory : List.of(SMALL_RESNET, SMALL_MOBILENET)) {
      float[] first = logits(factory, 11, false);
      assertEquals(20, first.length);
      assertArrayEquals(first, logits(factory, 11, false));
      assertFalse(Arrays.equals(first, logits(factory, 12, false)), "another seed, other weights");
      float[] training = logits(factory, 11, true);
      assertArrayEquals(training, logits(factory, 11, true));
      assertFalse(Arrays.equals(first, training), "batch statistics differ from the initial moving averages");
    }
  }

  @Test
  void evaluationUsesMovingAveragesAndTrainingUsesTheBatch() {
    try (TfGraph g = new TfGraph(3)) {
      Network net = SMALL_RESNET.build(g.tf, g.masks);
      Operand<TFloat32> images = g.images(2, 32, 32, 3, 5);
      ForwardPass eval = net.apply(g.tf, images, false);
      ForwardPass train = net.apply(g.tf, images, true);
      assertTrue(eval.updateOps().isEmpty());
      assertEquals(2 * batchNormScopes(net).size(), train.updateOps().size());
      float[] evalBefore = g.floats(eval.logits());
      float[] trainBefore = g.floats(train.logits());

      Variable<TFloat32> stemMean = variable(net, "resnet_model/batch_normalization/moving_mean").variable();
      g.session.run(g.tf.assign(stemMean, g.tf.fill(g.tf.constant(new long[] {16}), g.tf.constant(0.5f))));
      assertFalse(Arrays.equals(evalBefore, g.floats(eval.logits())), "eval normalises with the moving mean");
      assertArrayEquals(trainBefore, g.floats(train.logits()), "training ignores it");

      g.session.run(train.updates(g.tf));
      float[] updated = g.floats(stemMean);
      assertFalse(Arrays.equals(new float[16], updated));
      assertTrue(updated[0] != 0.5f, "the update moved the moving mean");
    }
  }

  @Test
  void dropoutDrawsANewMaskEachStepInTrainingOnly() {
    NetworkFactory wrn = WideResNet.builder().depth(10).width(1);
    float[][] runs = new float[2][];
    for (int r = 0; r < 2; r++) {
      try (TfGraph g = new TfGraph(9)) {
        Network net = wrn.build(g.tf, g.masks);
        Operand<TFloat32> images = g.images(2, 32, 32, 3, 1);
        Operand<TFloat32> train = net.apply(g.tf, images, true).logits();
        Operand<TFloat32> eval = net.apply(g.tf, images, false).logits();
        float[] first = g.floats(train);
        assertFalse(Arrays.equals(first, g.floats(train)), "a new dropout mask at every run");
        assertArrayEquals(g.floats(eval), g.floats(eval));
        runs[r] = first;
      }
    }
    assertArrayEquals(runs[0], runs[1], "same seeds, same dropout sequence");
  }

  @Test
  void inputsMustMatchTheNetwork() {
    try (TfGraph g = new TfGraph()) {
      Network net = SMALL_MOBILENET.build(g.tf, g.masks);
      assertEquals(Shape.of(224, 224, 3), net.inputShape());
      assertThrows(IllegalArgumentException.class, () -> net.apply(g.tf, g.images(1, 32, 32, 1, 0), false));
    }
  }
}
