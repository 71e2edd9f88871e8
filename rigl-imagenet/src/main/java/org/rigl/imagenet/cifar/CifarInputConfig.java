package org.rigl.imagenet.cifar;

import java.nio.file.Path;

/**
 * How to build a {@link CifarInput}; defaults are the reference's ({@code resnet_train_eval.py},
 * {@code data_helper.py}).
 *
 * @param dataDirectory holds the binary files, directly or in {@code cifar-10-batches-bin}
 * @param training the training files with augmentation, repeated and shuffled; else the test file once
 * @param batchSize images per batch ({@code --batch_size}, 128); incomplete last batches are dropped
 * @param seed seeds the shuffle and the augmentation draws ({@code --seed}, 0)
 * @param numParallelCalls images preprocessed in parallel
 * @param shuffleBuffer training shuffle buffer (the reference's 50,000: the whole training set)
 */
public record CifarInputConfig(
    Path dataDirectory, boolean training, int batchSize, long seed, int numParallelCalls, int shuffleBuffer) {
  public static final int DEFAULT_SHUFFLE_BUFFER = 50_000;

  public CifarInputConfig {
    if (batchSize <= 0 || numParallelCalls <= 0 || shuffleBuffer <= 0) {
      throw new IllegalArgumentException(
          "batch size, parallel calls and shuffle buffer must be positive: " + batchSize + ", " + numParallelCalls + ", " + shuffleBuffer);
    }
  }

  public static CifarInputConfig of(Path dataDirectory, boolean training, int batchSize) {
    return new CifarInputConfig(
        dataDirectory, training, batchSize, 0, Runtime.getRuntime().availableProcessors(), DEFAULT_SHUFFLE_BUFFER);
  }

  public CifarInputConfig withSeed(long newSeed) {
    return new CifarInputConfig(dataDirectory, training, batchSize, newSeed, numParallelCalls, shuffleBuffer);
  }

  public CifarInputConfig withNumParallelCalls(int calls) {
    return new CifarInputConfig(dataDirectory, training, batchSize, seed, calls, shuffleBuffer);
  }

  public CifarInputConfig withShuffleBuffer(int buffer) {
    return new CifarInputConfig(dataDirectory, training, batchSize, seed, numParallelCalls, buffer);
  }
}
