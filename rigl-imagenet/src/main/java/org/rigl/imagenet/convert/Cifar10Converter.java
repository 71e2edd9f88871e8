package org.rigl.imagenet.convert;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rigl.core.io.Examples;
import org.rigl.core.io.StagedOutputDirectory;
import org.rigl.core.io.TfRecordWriter;
import org.rigl.core.train.ProgressLine;
import org.rigl.imagenet.cifar.Cifar10Files;

/**
 * Converts the CIFAR-10 binary version to TFRecords in the schema of TFDS's {@code cifar10} (3.0.2),
 * which the reference's {@code data_helper} reads through {@code tfds}: {@code train.tfrecord} from
 * {@code data_batch_1..5.bin} and {@code test.tfrecord} from {@code test_batch.bin}, one
 * {@code tf.Example} per image with {@code image} (the 32x32 RGB image as PNG), {@code label} (int64,
 * 0..9) and {@code id} ({@code train_00000}, TFDS's running index). Records keep the files' order;
 * TFDS's own files are additionally shuffled by key, which readers shuffle anyway.
 */
public final class Cifar10Converter {
  private static final int PIXELS = Cifar10Files.IMAGE_SIZE * Cifar10Files.IMAGE_SIZE;
  private static final int CLASSES = 10;

  private Cifar10Converter() {}

  /** Images written per split. */
  public record Result(int trainImages, int testImages) {}

  public static Result convert(Path inputDirectory, Path outputDirectory, PrintStream out) throws IOException {
    if (!Files.isDirectory(inputDirectory)) {
      throw new IllegalArgumentException(
          "--input_dir " + inputDirectory + (Files.exists(inputDirectory) ? " is not a directory" : " does not exist"));
    }
    if (Files.exists(outputDirectory) && !Files.isDirectory(outputDirectory)) {
      throw new IllegalArgumentException("--output_dir " + outputDirectory + " is a file, not a directory");
    }
    List<Path> trainFiles = Cifar10Files.of(inputDirectory, true);
    List<Path> testFiles = Cifar10Files.of(inputDirectory, false);
    int trainImages = recordCount(trainFiles);
    int testImages = recordCount(testFiles);
    ProgressLine progress = new ProgressLine(out, "convert cifar10:", trainImages + testImages);
    try (StagedOutputDirectory staged = StagedOutputDirectory.in(outputDirectory)) {
      int done = write(trainFiles, "train_", staged.file("train.tfrecord"), progress, 0);
      write(testFiles, "test_", staged.file("test.tfrecord"), progress, done);
      staged.commit();
    }
    out.printf("wrote train.tfrecord (%d images) and test.tfrecord (%d images) to %s%n", trainImages, testImages, outputDirectory);
    return new Result(trainImages, testImages);
  }

  private static int recordCount(List<Path> files) throws IOException {
    long bytes = 0;
    for (Path file : files) {
      bytes += Files.size(file);
    }
    return Math.toIntExact(bytes / Cifar10Files.RECORD_BYTES);
  }

  /** Writes one split; returns the images converted so far, counting earlier splits. */
  private static int write(List<Path> files, String idPrefix, Path target, ProgressLine progress, int doneBefore)
      throws IOException {
    int done = doneBefore;
    try (TfRecordWriter writer = TfRecordWriter.create(target)) {
      try {
        int index = 0;
        byte[] record = new byte[Cifar10Files.RECORD_BYTES];
        for (Path file : files) {
          try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (int inFile = 0; in.readNBytes(record, 0, record.length) == record.length; inFile++) {
              writer.write(example(file, inFile, record, idPrefix + String.format("%05d", index++)));
              progress.update(++done, "images", 1, "");
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        writer.abort();
        throw e;
      }
    }
    return done;
  }

  private static byte[] example(Path file, int recordIndex, byte[] record, String id) {
    int label = record[0] & 0xff;
    if (label >= CLASSES) {
      throw new IllegalArgumentException(
          file + ": record " + recordIndex + " has label " + label + ", not 0..9 (is this CIFAR-100's binary?)");
    }
    // The binary stores planes (all red, then green, then blue); images interleave channels.
    byte[] pixels = new byte[PIXELS * 3];
    for (int i = 0; i < PIXELS; i++) {
      pixels[3 * i] = record[1 + i];
      pixels[3 * i + 1] = record[1 + PIXELS + i];
      pixels[3 * i + 2] = record[1 + 2 * PIXELS + i];
    }
    RgbImage image = new RgbImage(Cifar10Files.IMAGE_SIZE, Cifar10Files.IMAGE_SIZE, pixels);
    return Examples.builder()
        .putString("id", id)
        .putBytes("image", ImageEncoding.png(image))
        .putInt64("label", label)
        .toByteArray();
  }
}
