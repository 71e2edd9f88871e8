package org.rigl.imagenet.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.rigl.core.checkpoint.CheckpointLocation;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.io.TensorEntry;

/**
 * mnist_train_eval.py's {@code --input_mask_path}: the input pixels that keep at least one outgoing
 * connection in a checkpoint's {@code layer1/mask}. A pixel whose whole row of the mask is zero
 * cannot affect the network, so training again on the kept pixels alone shrinks the input layer.
 */
public final class InputMask {
  static final String FLAG = "--input_mask_path";
  static final String TENSOR = "layer1/mask";

  private final Path checkpoint;
  private final int pixels;
  private final int[] keptPixels;

  private InputMask(Path checkpoint, int pixels, int[] keptPixels) {
    this.checkpoint = checkpoint;
    this.pixels = pixels;
    this.keptPixels = keptPixels;
  }

  /** Reads {@code layer1/mask} of a checkpoint prefix or of a folder's latest checkpoint. */
  public static InputMask read(String location) throws IOException {
    Path prefix = CheckpointLocation.resolve(location, FLAG);
    try (BundleDataReader reader = BundleDataReader.open(prefix)) {
      TensorEntry entry = reader.index().find(TENSOR).orElseThrow(
          () -> new IllegalArgumentException(FLAG + ": checkpoint " + prefix + " has no " + TENSOR));
      long[] shape = entry.shape();
      if (shape.length != 2) {
        throw new IllegalArgumentException(
            FLAG + ": " + TENSOR + " of " + prefix + " has shape " + Arrays.toString(shape) + ", not [pixels, units]");
      }
      int rows = Math.toIntExact(shape[0]);
      int units = Math.toIntExact(shape[1]);
      float[] mask = reader.readFloats(TENSOR);
      int[] kept = new int[rows];
      int count = 0;
      for (int row = 0; row < rows; row++) {
        if (anyNonZero(mask, row * units, units)) {
          kept[count++] = row;
        }
      }
      if (count == 0) {
        throw new IllegalArgumentException(FLAG + ": " + TENSOR + " of " + prefix + " keeps no input pixel");
      }
      return new InputMask(prefix, rows, Arrays.copyOf(kept, count));
    }
  }

  private static boolean anyNonZero(float[] values, int from, int length) {
    for (int i = from; i < from + length; i++) {
      if (values[i] != 0) {
        return true;
      }
    }
    return false;
  }

  /** How many pixels survive: the masked network's input width. */
  public int keptPixels() {
    return keptPixels.length;
  }

  /** {@code data} with only the kept pixels of each image, in their original order. */
  public IdxDataset apply(IdxDataset data) {
    if (data.pixels() != pixels) {
      throw new IllegalArgumentException(FLAG + ": " + TENSOR + " of " + checkpoint + " has " + pixels
          + " rows but the images have " + data.pixels() + " pixels");
    }
    float[][] images = new float[data.size()][keptPixels.length];
    for (int i = 0; i < images.length; i++) {
      float[] image = data.images()[i];
      for (int j = 0; j < keptPixels.length; j++) {
        images[i][j] = image[keptPixels[j]];
      }
    }
    return new IdxDataset(images, data.labels());
  }
}
