package org.rigl.imagenet.input;

import java.nio.file.Path;

/**
 * How to build an {@link ImageNetInput}; defaults are the reference's ({@code imagenet_train_eval.py}
 * flags and tensorflow/tpu {@code ImageNetInput}).
 *
 * @param dataDirectory holds {@code train-*} / {@code validation-*} TFRecord shards; {@code null}
 *     gives the reference's synthetic (null) input
 * @param training training split and augmentation (repeating), else validation (one pass)
 * @param batchSize images per batch; incomplete last batches are dropped
 * @param imageSize side of the square output images ({@code --image_size}, 224)
 * @param labelOffset subtracted from {@code image/class/label} ({@code --label_offset}, 1)
 * @param numClasses labels must lie in {@code [0, numClasses)} ({@code --num_label_classes}, 1000)
 * @param numParallelCalls images decoded in parallel ({@code --num_parallel_calls}, 64)
 * @param seed seeds the shuffle and the augmentation draws
 * @param skipBadRecords screen the shards first and leave out bad records, reporting how many
 * @param split the shards to read, {@code train} or {@code validation} ({@code null}: by
 *     {@code training}), as the reference's {@code dataset_split}
 */
public record ImageNetInputConfig(
    Path dataDirectory,
    boolean training,
    int batchSize,
    int imageSize,
    int labelOffset,
    int numClasses,
    int numParallelCalls,
    long seed,
    boolean skipBadRecords,
    String split) {
  public static final int DEFAULT_IMAGE_SIZE = 224;
  public static final int DEFAULT_LABEL_OFFSET = 1;
  public static final int DEFAULT_NUM_CLASSES = 1000;
  public static final int DEFAULT_NUM_PARALLEL_CALLS = 64;
  /** {@code dataset.shuffle(1024)} of the reference (training and evaluation). */
  public static final int SHUFFLE_BUFFER = 1024;
  /** {@code parallel_interleave(cycle_length=64)} of the reference. */
  public static final int CYCLE_LENGTH = 64;

  public ImageNetInputConfig {
    requirePositive("batch size", batchSize);
    requirePositive("--image_size", imageSize);
    requirePositive("--num_label_classes", numClasses);
    requirePositive("--num_parallel_calls", numParallelCalls);
    if (split != null && !split.equals("train") && !split.equals("validation")) {
      throw new IllegalArgumentException("dataset split must be 'train' or 'validation', was '" + split + "'");
    }
  }

  /** The reference's defaults for everything but the directory, split and batch size. */
  public static ImageNetInputConfig of(Path dataDirectory, boolean training, int batchSize) {
    return new ImageNetInputConfig(
        dataDirectory,
        training,
        batchSize,
        DEFAULT_IMAGE_SIZE,
        DEFAULT_LABEL_OFFSET,
        DEFAULT_NUM_CLASSES,
        DEFAULT_NUM_PARALLEL_CALLS,
        0,
        false,
        null);
  }

  public ImageNetInputConfig withImageSize(int size) {
    return new ImageNetInputConfig(dataDirectory, training, batchSize, size, labelOffset, numClasses, numParallelCalls, seed, skipBadRecords, split);
  }

  public ImageNetInputConfig withLabelOffset(int offset) {
    return new ImageNetInputConfig(dataDirectory, training, batchSize, imageSize, offset, numClasses, numParallelCalls, seed, skipBadRecords, split);
  }

  public ImageNetInputConfig withNumClasses(int classes) {
    return new ImageNetInputConfig(dataDirectory, training, batchSize, imageSize, labelOffset, classes, numParallelCalls, seed, skipBadRecords, split);
  }

  public ImageNetInputConfig withNumParallelCalls(int calls) {
    return new ImageNetInputConfig(dataDirectory, training, batchSize, imageSize, labelOffset, numClasses, calls, seed, skipBadRecords, split);
  }

  public ImageNetInputConfig withSeed(long newSeed) {
    return new ImageNetInputConfig(dataDirectory, training, batchSize, imageSize, labelOffset, numClasses, numParallelCalls, newSeed, skipBadRecords, split);
  }

  public ImageNetInputConfig withSkipBadRecords(boolean skip) {
    return new ImageNetInputConfig(dataDirectory, training, batchSize, imageSize, labelOffset, numClasses, numParallelCalls, seed, skip, split);
  }

  /** Reads {@code split}'s shards whatever {@code training} says (augmentation follows training). */
  public ImageNetInputConfig withSplit(String newSplit) {
    return new ImageNetInputConfig(dataDirectory, training, batchSize, imageSize, labelOffset, numClasses, numParallelCalls, seed, skipBadRecords, newSplit);
  }

  /** {@code train-} or {@code validation-}: the shard name prefix of the split read. */
  public String shardPrefix() {
    String name = split != null ? split : training ? "train" : "validation";
    return name + "-";
  }

  private static void requirePositive(String what, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }
}
