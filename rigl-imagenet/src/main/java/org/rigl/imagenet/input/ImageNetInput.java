package org.rigl.imagenet.input;

import java.nio.file.Path;
import java.util.List;
import org.rigl.imagenet.data.DatasetIterator;
import org.rigl.imagenet.data.ElementSeeds;
import org.rigl.imagenet.data.GraphDataset;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.imagenet.data.RecordTag;
import org.rigl.imagenet.data.ShardFiles;
import org.rigl.imagenet.data.ShardInterleave;
import org.rigl.imagenet.data.SkippedRecords;
import org.rigl.imagenet.data.TfRecordDatasetV1;
import org.rigl.imagenet.records.CleanShards;
import org.rigl.imagenet.records.ShardFrames;
import org.rigl.imagenet.records.ImageNetRecordCheck;
import org.rigl.imagenet.records.InputFailureExplainer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The ImageNet input pipeline inside the graph, as tensorflow/tpu {@code imagenet_input.py}
 * {@code ImageNetInput.input_fn}: the sorted {@code train-*} / {@code validation-*} shards
 * (repeated for training), read 64 at a time with the V1 {@code TFRecordDataset}, shuffled through
 * 1024 records, parsed and preprocessed in parallel ({@link ImageNetPreprocessing}), normalised
 * once ({@link ImageNormalization}), batched dropping the remainder and prefetched.
 *
 * <p>Without a data directory the reference's synthetic input is used ({@link SyntheticInput}).
 */
public final class ImageNetInput {
  private ImageNetInput() {}

  /**
   * Builds the pipeline in {@code tf}'s graph under the name scope {@code name} (also the iterator's
   * shared name, so it must be unique in the graph).
   */
  public static InputBatches build(Ops tf, ImageNetInputConfig config, String name) {
    return build(tf, config, name, tf.constant(0L));
  }

  /**
   * The same pipeline starting at batch {@code startBatch} (read when the iterator is initialised):
   * the stream up to there is read but not decoded, and every later element keeps its position in
   * the stream, so its shuffle order and augmentation draws are those of an uninterrupted pass.
   */
  public static InputBatches build(Ops tf, ImageNetInputConfig config, String name, Operand<TInt64> startBatch) {
    if (config.dataDirectory() == null) {
      return SyntheticInput.build(tf.withSubScope(name), config.batchSize(), config.imageSize());
    }
    List<Path> files = ShardFiles.list(config.dataDirectory(), config.shardPrefix());
    SkippedRecords skipped = SkippedRecords.none();
    if (config.skipBadRecords()) {
      try (ImageNetRecordCheck check = new ImageNetRecordCheck(config.labelOffset(), config.numClasses())) {
        CleanShards.Result screened = CleanShards.screen(files, check);
        files = screened.files();
        skipped = screened.skipped();
      }
    }
    ShardFrames.check(files);
    Ops scoped = tf.withSubScope(name);
    int size = config.imageSize();
    GraphDataset records =
        ShardInterleave.taggedRecords(
                scoped, files, ImageNetInputConfig.CYCLE_LENGTH, config.training(), TfRecordDatasetV1.source(scoped))
            .shuffle(ImageNetInputConfig.SHUFFLE_BUFFER, config.seed())
            .zip(GraphDataset.counter(scoped))
            .skip(scoped.math.mul(startBatch, scoped.constant((long) config.batchSize())));
    List<Path> tagged = files;
    GraphDataset batches =
        records
            .map(
                config.numParallelCalls(),
                List.of(TFloat32.class, TInt32.class),
                List.of(Shape.of(size, size, 3), Shape.scalar()),
                (f, element) -> preprocess(f, config, tagged, element))
            .batch(config.batchSize(), true)
            .prefetch(GraphDataset.AUTOTUNE);
    DatasetIterator iterator = batches.iterator(scoped.scope().makeOpName("iterator"));
    var explainer =
        new InputFailureExplainer(
            files, () -> new ImageNetRecordCheck(config.labelOffset(), config.numClasses()), iterator.nextOpName());
    return new InputBatches(
        iterator.next().get(0).expect(TFloat32.class),
        iterator.next().get(1).expect(TInt32.class),
        iterator.initializer(),
        explainer,
        skipped);
  }

  /** One element {@code (record, tag, position in the stream)} to {@code (image, label)}. */
  @SuppressWarnings("unchecked")
  private static List<Operand<?>> preprocess(
      Ops tf, ImageNetInputConfig config, List<Path> files, List<Operand<?>> element) {
    Operand<TString> record = (Operand<TString>) element.get(0);
    Operand<TInt64> tag = (Operand<TInt64>) element.get(1);
    Operand<TInt64> position = (Operand<TInt64>) element.get(2);
    Operand<TString> file = RecordTag.fileName(tf, tag, files);
    Operand<TInt64> index = RecordTag.recordIndex(tf, tag);
    ImageNetExample example = ImageNetExample.parse(tf, record);
    Operand<TInt32> label =
        LabelCheck.checked(tf, example.label(), config.labelOffset(), config.numClasses(), file, index);
    Operand<TFloat32> image =
        config.training()
            ? ImageNetPreprocessing.train(
                tf,
                example.encodedImage(),
                config.imageSize(),
                ElementSeeds.of(tf, config.seed(), "crop", position),
                ElementSeeds.of(tf, config.seed(), "flip", position))
            : ImageNetPreprocessing.eval(tf, example.encodedImage(), config.imageSize());
    return List.of(ImageNormalization.normalize(tf, image), label);
  }
}
