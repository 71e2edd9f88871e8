package org.rigl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class SmokeTest {
  @Test
  void runsAGraph() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var v = tf.withSubScope("layer").withName("mask").variable(tf.fill(tf.constant(new long[] {2, 3}), tf.constant(1f)));
      var sum = tf.reduceSum(v, tf.constant(new int[] {0, 1}));
      try (var r = s.runner().fetch(sum).run()) {
        assertEquals(6f, ((TFloat32) r.get(0)).getFloat());
      }
      System.out.println(v.op().name() + " " + v.op().type());
    }
  }
}
