package org.rigl.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds Fashion-MNIST: the full set from Debian's {@code dataset-fashion-mnist} package when it is
 * installed, else the subset bundled in the repository ({@code data/fashion-mnist-subset}).
 */
final class FashionMnistLocator {
  static final String BUNDLED = "data/fashion-mnist-subset";

  private FashionMnistLocator() {}

  /** The Debian package's folder, else the bundled subset, or a one-line error saying how to get data. */
  static Path find() {
    return debianPackage().or(FashionMnistLocator::bundled).orElseThrow(() -> new IllegalArgumentException(
        "Fashion-MNIST not found: install Debian's dataset-fashion-mnist, run from the repository (" + BUNDLED
            + "), or pass the data folder"));
  }

  /** The bundled subset, found from the repository root the launcher passes as -Drigl.root. */
  static Optional<Path> bundled() {
    String root = System.getProperty("rigl.root");
    Path dir = Path.of(root == null ? "." : root).resolve(BUNDLED);
    return java.nio.file.Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz")) ? Optional.of(dir) : Optional.empty();
  }

  /** The folder holding {@code train-images-idx3-ubyte.gz}, asked of dpkg rather than assumed. */
  static Optional<Path> debianPackage() {
    try {
      Process p = new ProcessBuilder("dpkg", "-L", "dataset-fashion-mnist").redirectErrorStream(true).start();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        Optional<Path> found = Optional.empty();
        while ((line = r.readLine()) != null) {
          if (line.endsWith("/train-images-idx3-ubyte.gz")) {
            found = Optional.of(Path.of(line).getParent());
          }
        }
        p.waitFor();
        return found;
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
