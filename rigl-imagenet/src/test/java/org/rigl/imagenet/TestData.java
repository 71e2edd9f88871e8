package org.rigl.imagenet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the shared Python-TensorFlow fixtures ({@code <repo>/../shared/testdata}). */
public final class TestData {
  private TestData() {}

  /** The 8 x 64 record ImageNet-schema fixture, labels 0..9. */
  public static Path fakeImageNet() {
    return path("tfrecords/fake_imagenet");
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }

  private static Path root() {
    String repositoryRoot = System.getProperty("rigl.root");
    if (repositoryRoot != null && !repositoryRoot.isBlank()) {
      Path candidate = Paths.get(repositoryRoot).toAbsolutePath().resolve("../shared/testdata").normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    // Without Surefire's property (e.g. an IDE run), walk up from the working directory.
    for (Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/testdata");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/testdata not found beside the repository (rigl.root=" + repositoryRoot + ")");
  }
}
