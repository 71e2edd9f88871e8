package org.rigl.imagenet.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The live units of a hand-built 4-3-2-2 mask set, worked out by hand as mnist_train_eval.py's get_compressed_fc does. */
class CompressedFcTest {

  @Test
  void countsUnitsWithAnIncomingAndAnOutgoingConnection() {
    float[] layer1 = {
      1, 0, 0, // input 0 feeds hidden1 unit 0
      1, 0, 1, // input 1 feeds units 0 and 2
      0, 0, 1, // input 2 feeds unit 2
      0, 0, 0, // input 3 feeds nothing: dropped
    };
    float[] layer2 = {
      1, 0, // hidden1 unit 0 feeds hidden2 unit 0: live
      0, 1, // unit 1 has no incoming connection: dead, and so is hidden2 unit 1 that only it feeds
      0, 0, // unit 2 has incoming connections but no outgoing one: dead
    };
    float[] layer3 = {
      1, 1,
      1, 0,
    };
    CompressedFc compressed = CompressedFc.of(List.of(layer1, layer2, layer3),
        List.of(new long[] {4, 3}, new long[] {3, 2}, new long[] {2, 2}));
    assertEquals(List.of(3, 1, 1, 2), compressed.sizes());
    // What is left: layer1 [3, 1] with one zero (input 2 only fed the dead unit), layer2 [1, 1], layer3 [1, 2].
    assertEquals(List.of(1.0 / 3, 0.0, 0.0), compressed.sparsities());
  }

  @Test
  void aDenseNetworkKeepsEveryUnit() {
    float[] ones12 = new float[12];
    float[] ones6 = new float[6];
    java.util.Arrays.fill(ones12, 1);
    java.util.Arrays.fill(ones6, 1);
    CompressedFc compressed = CompressedFc.of(List.of(ones12, ones6), List.of(new long[] {4, 3}, new long[] {3, 2}));
    assertEquals(List.of(4, 3, 2), compressed.sizes());
  }
}
