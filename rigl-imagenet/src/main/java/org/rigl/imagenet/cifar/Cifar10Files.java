package org.rigl.imagenet.cifar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rigl.imagenet.data.BadInputException;

/**
 * The CIFAR-10 binary version's files: {@code data_batch_1.bin} ... {@code data_batch_5.bin}
 * (train, 50,000 images) and {@code test_batch.bin} (10,000), each a sequence of 3073-byte records
 * (one label byte, then 1024 red, 1024 green and 1024 blue bytes, rows top to bottom). Found in the
 * data directory or in its {@code cifar-10-batches-bin} folder, as the archive unpacks.
 */
public final class Cifar10Files {
  public static final int IMAGE_SIZE = 32;
  public static final int RECORD_BYTES = 1 + 3 * IMAGE_SIZE * IMAGE_SIZE;
  static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";

  private Cifar10Files() {}

  /** The training files (training) or the test file, checked to exist and hold whole records. */
  public static List<Path> of(Path dataDirectory, boolean training) {
    Path folder = folder(dataDirectory);
    List<Path> files = new ArrayList<>();
    if (training) {
      for (int i = 1; i <= 5; i++) {
        files.add(folder.resolve("data_batch_" + i + ".bin"));
      }
    } else {
      files.add(folder.resolve("test_batch.bin"));
    }
    files.forEach(Cifar10Files::check);
    return files;
  }

  private static Path folder(Path dataDirectory) {
    if (dataDirectory == null || !Files.isDirectory(dataDirectory)) {
      throw new BadInputException("--data_directory " + dataDirectory + " is not a directory");
    }
    Path unpacked = dataDirectory.resolve(ARCHIVE_FOLDER);
    return Files.isDirectory(unpacked) && !Files.exists(dataDirectory.resolve("test_batch.bin")) ? unpacked : dataDirectory;
  }

  private static void check(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException("missing CIFAR-10 file " + file);
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (size == 0 || size % RECORD_BYTES != 0) {
      throw new BadInputException(
          file + ": " + size + " bytes is not a whole number of " + RECORD_BYTES + "-byte CIFAR-10 records");
    }
  }
}
