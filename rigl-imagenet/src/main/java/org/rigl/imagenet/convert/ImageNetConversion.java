package org.rigl.imagenet.convert;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@link ImageNetConverter} converts, with the flags of {@code build_imagenet_data.py}.
 *
 * @param inputDirectory the raw layout, see {@link RawImageNet}
 * @param outputDirectory receives {@code train-NNNNN-of-MMMMM} and {@code validation-...} shards
 * @param labelsFile the validation labels file, or {@code null} to look for it in the input
 * @param synsetText the synset-to-human-readable file for {@code image/class/text}, or {@code null}
 * @param numThreads shards written in parallel
 */
public record ImageNetConversion(
    Path inputDirectory,
    Path outputDirectory,
    int trainShards,
    int validationShards,
    Path labelsFile,
    Path synsetText,
    int numThreads) {
  public static final int DEFAULT_TRAIN_SHARDS = 1024;
  public static final int DEFAULT_VALIDATION_SHARDS = 128;
  /** {@code build_imagenet_data.py}'s {@code random.seed(12345)} before shuffling the file list. */
  public static final long SHUFFLE_SEED = 12345;

  public ImageNetConversion {
    requirePositive("--train_shards", trainShards);
    requirePositive("--validation_shards", validationShards);
    requirePositive("--num_threads", numThreads);
    if (Files.exists(outputDirectory) && !Files.isDirectory(outputDirectory)) {
      throw new IllegalArgumentException("--output_dir " + outputDirectory + " is a file, not a directory");
    }
    if (synsetText != null && !Files.isRegularFile(synsetText)) {
      throw new IllegalArgumentException("--synset_text " + synsetText + " does not exist");
    }
  }

  /** The reference's shard counts, no labels or text file, one thread per core up to 8. */
  public static ImageNetConversion of(Path inputDirectory, Path outputDirectory) {
    return new ImageNetConversion(
        inputDirectory, outputDirectory, DEFAULT_TRAIN_SHARDS, DEFAULT_VALIDATION_SHARDS, null, null, defaultThreads());
  }

  public ImageNetConversion withShards(int train, int validation) {
    return new ImageNetConversion(inputDirectory, outputDirectory, train, validation, labelsFile, synsetText, numThreads);
  }

  public ImageNetConversion withLabelsFile(Path file) {
    return new ImageNetConversion(inputDirectory, outputDirectory, trainShards, validationShards, file, synsetText, numThreads);
  }

  public ImageNetConversion withSynsetText(Path file) {
    return new ImageNetConversion(inputDirectory, outputDirectory, trainShards, validationShards, labelsFile, file, numThreads);
  }

  public ImageNetConversion withNumThreads(int threads) {
    return new ImageNetConversion(inputDirectory, outputDirectory, trainShards, validationShards, labelsFile, synsetText, threads);
  }

  /** {@code build_imagenet_data.py} uses 8 threads; more than the cores only adds contention. */
  public static int defaultThreads() {
    return Math.min(8, Runtime.getRuntime().availableProcessors());
  }

  private static void requirePositive(String flag, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(flag + " must be positive, got " + value);
    }
  }
}
