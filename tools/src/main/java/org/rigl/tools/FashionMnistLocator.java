package org.rigl.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** Finds Fashion-MNIST as installed by Debian's {@code dataset-fashion-mnist} package. */
final class FashionMnistLocator {
  private FashionMnistLocator() {}

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
