package org.rigl.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.io.BundleIndexReader;
import org.rigl.core.io.CheckpointIndex;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.MomentumOptimizer;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;
import org.rigl.models.ModelFlags;
import org.rigl.models.ModelZoo;
import org.rigl.models.Network;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A ResNet-50 training graph's checkpoint: TF1 names, full and partial restores. */
class ModelCheckpointTest {

  /** ResNet-50 with a RigL train op (so slots, global_step and last_mask_update_step exist). */
  private static final class ResNetGraph implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    final Session session = new Session(graph);
    final MaskRegistry masks;
    final CheckpointSaver saver;

    ResNetGraph(long seed) {
      masks = new MaskRegistry(seed);
      // Width 0.25 keeps every ResNet-50 name and 1/16 of the bytes, so the test stays fast.
      ModelFlags flags = ModelFlags.defaults().withFirstLayerSparsity(-1).withWidth(0.25);
      Network net = ModelZoo.build("resnet50", flags, tf, masks);
      var images = tf.zeros(tf.constant(new long[] {1, 32, 32, 3}), TFloat32.class);
      Operand<TFloat32> loss = tf.math.mean(tf.reshape(net.apply(tf, images, true).logits(), tf.constant(new int[] {-1})),
          tf.constant(0));
      var globalStep = GlobalStep.create(tf);
      SparseTrainingConfig c = SparseTrainingConfig.builder(TrainingMethod.RIGL).endSparsity(0.8)
          .maskInitMethod("erdos_renyi_kernel").maskUpdates(0, 100, 100).seed(seed).build();
      c.buildStep(tf, new MomentumOptimizer(tf.constant(0.1f), 0.9f, true),
          Gradients.compute(graph, loss, masks.layers(), net.otherTrainables()), masks, globalStep,
          GradientTransform.identity());
      c.maskInit(tf, masks).ifPresent(session::run);
      saver = new CheckpointSaver(tf, GraphVariables.all(graph));
    }

    float[] values(String name) {
      try (Result r = session.runner().fetch(name).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        float[] out = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  private static final String MASK = "resnet_model/bottleneck_2_block_group3_1_1/mask";
  private static final String WEIGHTS = "resnet_model/bottleneck_2_block_group3_1_1/weights";
  private static final String GAMMA = "resnet_model/batch_normalization_17/gamma";
  private static final String MOVING = "resnet_model/batch_normalization_17/moving_mean";

  @Test
  void roundTripWithTf1NamesAndPartialRestores(@TempDir Path dir) throws IOException {
    float[] mask;
    float[] weights;
    try (ResNetGraph a = new ResNetGraph(1)) {
      a.session.run(a.tf.assign(a.graph.<TFloat32>operation(GAMMA).output(0), a.tf.fill(a.tf.constant(new long[] {128}), a.tf.constant(0.5f))));
      mask = a.values(MASK);
      weights = a.values(WEIGHTS);
      new CheckpointManager(dir, 0).save(a.session, a.saver, 0);
    }
    CheckpointIndex index = BundleIndexReader.read(dir.resolve("model.ckpt-0"));
    List<String> names = index.names();
    assertTrue(names.contains("global_step") && names.contains("last_mask_update_step"), "bookkeeping variables");
    assertTrue(names.contains(WEIGHTS + "/Momentum"), "TF1 slot names");
    assertTrue(names.contains("resnet_model/final_dense/biases"));
    assertTrue(names.contains(MOVING));
    assertEquals(54, names.stream().filter(n -> n.endsWith("/mask")).count());

    try (ResNetGraph b = new ResNetGraph(2)) {
      float[] ownWeights = b.values(WEIGHTS);
      float[] ownGamma = b.values(GAMMA);
      List<String> restored = b.saver.restoreWhere(b.session, dir.resolve("model.ckpt-0").toString(), GraphVariables.masksOnly());
      assertEquals(54, restored.size());
      assertArrayEquals(mask, b.values(MASK), "masks restored");
      assertArrayEquals(ownWeights, b.values(WEIGHTS), "weights untouched by a masks-only restore");

      b.saver.restoreWhere(b.session, dir.resolve("model.ckpt-0").toString(), GraphVariables.parametersOnly());
      assertArrayEquals(weights, b.values(WEIGHTS), "parameters restored");
      assertEquals(0.5f, b.values(GAMMA)[0]);
      assertFalse(ownGamma[0] == 0.5f);
      assertFalse(GraphVariables.parametersOnly().test(WEIGHTS + "/Momentum"), "slots are not parameters");
      assertFalse(GraphVariables.parametersOnly().test(MOVING), "moving averages are not parameters");

      b.session.run(b.tf.assign(b.graph.<TFloat32>operation(MOVING).output(0), b.tf.fill(b.tf.constant(new long[] {128}), b.tf.constant(7f))));
      b.saver.restore(b.session, dir.resolve("model.ckpt-0").toString(), b.saver.variables().keySet());
      assertEquals(0f, b.values(MOVING)[0], "a full restore brings back everything, moving averages too");
    }
  }
}
