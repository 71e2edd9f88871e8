package org.rigl.imagenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.io.TensorEntry;
import org.rigl.core.mask.MaskInitializer;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.sparsity.SparsityCounts;
import org.rigl.models.ModelZoo;
import org.rigl.models.Network;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;
import picocli.CommandLine;

/** train-image on the shared fake_imagenet shards (labels 0..9, 64x64): flags and checkpoint checks. */
final class FakeImageNet {
  static final String FIXTURE = System.getProperty("rigl.root") + "/../shared/testdata/tfrecords/fake_imagenet";

  private FakeImageNet() {}

  /** RigL 80% ERK on a ResNet-18 of width 0.25; {@code extra} flags override (the last value wins). */
  static ImageNetFlags flags(Path out, String... extra) {
    List<String> all = new ArrayList<>(List.of(
        "--data_directory=" + FIXTURE, "--output_dir=" + out, "--use_folder_stub=false", "--resnet_depth=18", "--width=0.25",
        "--image_size=64", "--label_offset=0", "--num_label_classes=10", "--training_method=rigl", "--end_sparsity=0.8",
        "--mask_init_method=erdos_renyi_kernel", "--train_batch_size=32", "--eval_batch_size=64", "--num_eval_images=512",
        "--eval_on_train", "--maskupdate_end_step=100", "--maskupdate_frequency=20", "--num_train_images=512",
        "--steps_per_checkpoint=40", "--num_parallel_calls=2", "--base_learning_rate=0.1"));
    all.addAll(List.of(extra));
    ImageNetFlags f = new ImageNetFlags();
    new CommandLine(f).setOverwrittenOptionsAllowed(true).parseArgs(all.toArray(new String[0]));
    return f;
  }

  /**
   * Asserts that every mask of the checkpoint holds exactly {@code n - floor(s n)} ones for the
   * ERK 80% sparsities of the model {@code f} describes; returns the mask names checked.
   */
  static List<String> assertExactMaskCounts(ImageNetFlags f, Path checkpoint) throws IOException {
    Map<String, Double> sparsities;
    try (Graph g = new Graph()) {
      MaskRegistry masks = new MaskRegistry(0);
      ImageNetSetup setup = ImageNetSetup.of(f);
      Network net = ModelZoo.build(setup.modelName(), setup.modelFlags(), Ops.create(g), masks);
      sparsities = MaskInitializer.sparsities(masks, "erdos_renyi_kernel", 0.8, net.customSparsityMap(), 1.0);
    }
    List<String> checked = new ArrayList<>();
    try (BundleDataReader data = BundleDataReader.open(checkpoint)) {
      for (TensorEntry e : data.index().entries()) {
        if (e.name().endsWith("/mask")) {
          float[] mask = data.readFloats(e.name());
          long ones = 0;
          for (float v : mask) {
            ones += v == 0 ? 0 : 1;
          }
          assertEquals(mask.length - SparsityCounts.nZeros(mask.length, sparsities.get(e.name())), ones, e.name());
          checked.add(e.name());
        }
      }
    }
    assertEquals(sparsities.size(), checked.size(), "every mask of the model is in the checkpoint");
    return checked;
  }
}
