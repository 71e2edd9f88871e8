package org.rigl.imagenet.cifar;

import java.nio.file.Path;
import java.util.List;
import org.rigl.imagenet.data.DatasetIterator;
import org.rigl.imagenet.data.ElementSeeds;
import org.rigl.imagenet.data.FixedLengthRecords;
import org.rigl.imagenet.data.GraphDataset;
import org.rigl.imagenet.data.InputBatches;
import org.rigl.imagenet.data.RecordTag;
import org.rigl.imagenet.data.ShardInterleave;
import org.rigl.imagenet.data.SkippedRecords;
import org.rigl.imagenet.input.LabelCheck;
import org.rigl.imagenet.records.InputFailureExplainer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * CIFAR-10 from its binary files, in the graph, as rigl {@code cifar_resnet/data_helper.py}
 * {@code input_fn} (which reads the same images through tensorflow_datasets): training repeats
 * {@code data_batch_1..5} and shuffles through all 50,000 images; evaluation reads
 * {@code test_batch} once in order. Images are standardised per image; training ones are also
 * padded, cropped and flipped ({@link CifarPreprocessing}). Full batches only (the reference
 * reshapes every batch to the batch size and evaluates {@code 10000 // batch_size} steps).
 */
public final class CifarInput {
  public static final int NUM_CLASSES = 10;

  private CifarInput() {}

  /** Builds the pipeline under the name scope (and iterator shared name) {@code name}. */
  public static InputBatches build(Ops tf, CifarInputConfig config, String name) {
    return build(tf, config, name, tf.constant(0L));
  }

  /**
   * The same pipeline starting at batch {@code startBatch} (read when the iterator is initialised):
   * the records up to there are read but not decoded, and each later one keeps its position in the
   * stream, so shuffle order and augmentation draws are those of an uninterrupted pass.
   */
  public static InputBatches build(Ops tf, CifarInputConfig config, String name, Operand<TInt64> startBatch) {
    boolean training = config.training();
    long seed = config.seed();
    List<Path> files = Cifar10Files.of(config.dataDirectory(), training);
    Ops scoped = tf.withSubScope(name);
    GraphDataset records =
        ShardInterleave.taggedRecords(
            scoped, files, 1, training, FixedLengthRecords.source(scoped, Cifar10Files.RECORD_BYTES));
    if (training) {
      records = records.shuffle(config.shuffleBuffer(), seed);
    }
    int size = Cifar10Files.IMAGE_SIZE;
    GraphDataset batches =
        records
            .zip(GraphDataset.counter(scoped))
            .skip(scoped.math.mul(startBatch, scoped.constant((long) config.batchSize())))
            .map(
                config.numParallelCalls(),
                List.of(TFloat32.class, TInt32.class),
                List.of(Shape.of(size, size, 3), Shape.scalar()),
                (f, element) -> preprocess(f, element, files, training, seed))
            .batch(config.batchSize(), true)
            .prefetch(GraphDataset.AUTOTUNE);
    DatasetIterator iterator = batches.iterator(scoped.scope().makeOpName("iterator"));
    // Frames are fixed-size and sizes were checked, so only labels can be bad (named in-graph).
    var explainer = InputFailureExplainer.labelsOnly(iterator.nextOpName());
    return new InputBatches(
        iterator.next().get(0).expect(TFloat32.class),
        iterator.next().get(1).expect(TInt32.class),
        iterator.initializer(),
        explainer,
        SkippedRecords.none());
  }

  /** {@code (record, tag, position in the stream)} to {@code (image, label)}. */
  @SuppressWarnings("unchecked")
  private static List<Operand<?>> preprocess(
      Ops tf, List<Operand<?>> element, List<Path> files, boolean training, long seed) {
    Operand<TUint8> bytes = tf.io.decodeRaw((Operand<TString>) element.get(0), TUint8.class);
    Operand<TInt64> tag = (Operand<TInt64>) element.get(1);
    Operand<TInt64> position = (Operand<TInt64>) element.get(2);
    Operand<TUint8> labelByte = tf.slice(bytes, tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt32> label =
        LabelCheck.checked(
            tf,
            tf.reshape(labelByte, tf.constant(new int[0])),
            0,
            NUM_CLASSES,
            RecordTag.fileName(tf, tag, files),
            RecordTag.recordIndex(tf, tag));
    Operand<TUint8> planes = tf.slice(bytes, tf.constant(new int[] {1}), tf.constant(new int[] {Cifar10Files.RECORD_BYTES - 1}));
    int size = Cifar10Files.IMAGE_SIZE;
    Operand<TUint8> channelsFirst = tf.reshape(planes, tf.constant(new int[] {3, size, size}));
    Operand<TFloat32> image =
        tf.dtypes.cast(tf.linalg.transpose(channelsFirst, tf.constant(new int[] {1, 2, 0})), TFloat32.class);
    Operand<TFloat32> standardized = CifarPreprocessing.standardize(tf, image);
    Operand<TFloat32> out =
        training
            ? CifarPreprocessing.augment(
                tf, standardized, ElementSeeds.of(tf, seed, "crop", position), ElementSeeds.of(tf, seed, "flip", position))
            : standardized;
    return List.of(out, label);
  }
}
