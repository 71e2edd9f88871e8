package org.rigl.imagenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.io.TensorEntry;
import org.rigl.core.mask.MaskInitializer;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.sparsity.SparsityCounts;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.core.update.TrainingMethod;
import org.rigl.models.ModelZoo;
import org.rigl.models.Network;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/** train-image on the shared fake_imagenet shards (labels 0..9, 64x64): flags and checkpoint checks. */
final class FakeImageNet {
  static final String FIXTURE = System.getProperty("rigl.root") + "/../shared/testdata/tfrecords/fake_imagenet";

  private FakeImageNet() {}

  /** RigL 80% ERK on a ResNet-18 of width 0.25. */
  static ImageNetSettings flags(Path out) {
    ImageNetSettings f = new ImageNetSettings();
    f.dataDirectory = Path.of(FIXTURE);
    f.outputDir = out;
    f.useFolderStub = false;
    f.resnetDepth = 18;
    f.width = 0.25;
    f.imageSize = 64;
    f.labelOffset = 0;
    f.numLabelClasses = 10;
    f.trainBatchSize = 32;
    f.evalBatchSize = 64;
    f.numEvalImages = 512;
    f.evalOnTrain = true;
    f.numTrainImages = 512;
    f.stepsPerCheckpoint = 40;
    f.numParallelCalls = 2;
    f.baseLearningRate = 0.1;
    f.sparse = SparseTrainingConfig.builder(TrainingMethod.RIGL).endSparsity(0.8).maskInitMethod("erdos_renyi_kernel")
        .maskUpdates(0, 100, 20).build();
    return f;
  }

  /** The fixture's flags with {@code change} applied. */
  static ImageNetSettings flags(Path out, Consumer<ImageNetSettings> change) {
    ImageNetSettings f = flags(out);
    change.accept(f);
    return f;
  }

  /** Changes the sparse-training flags of {@code f}. */
  static void sparse(ImageNetSettings f, UnaryOperator<SparseTrainingConfig.Builder> change) {
    f.sparse = change.apply(f.sparse.toBuilder()).build();
  }

  /**
   * Asserts that every mask of the checkpoint holds exactly {@code n - floor(s n)} ones for the
   * ERK 80% sparsities of the model {@code f} describes; returns the mask names checked.
   */
  static List<String> assertExactMaskCounts(ImageNetSettings f, Path checkpoint) throws IOException {
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
