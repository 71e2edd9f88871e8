package org.rigl.tools.sparse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.tensorflow.TensorFlow;

/**
 * The native op library ({@code RiglSpmm}, {@code RiglSddmm}): its C source ships as a resource and
 * is compiled by gcc at first use into a cache folder named by the source's hash, against the
 * libtensorflow_framework.so.2 this process has loaded, then loaded with
 * {@link TensorFlow#loadLibrary}. Where that cannot be done (no gcc, not Linux) {@link #load} says
 * why and callers skip the route.
 */
public final class NativeSparseOps {
  private static final String SOURCE = "sparse_ops.c";
  private static Optional<String> unavailable;

  private NativeSparseOps() {}

  /** Empty once the ops are registered; otherwise why they are not. Compiles and loads once per process. */
  public static synchronized Optional<String> load() {
    if (unavailable == null) {
      try {
        unavailable = compileAndLoad();
      } catch (IOException | RuntimeException e) {
        unavailable = Optional.of("not built: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unavailable = Optional.of("not built: interrupted");
      }
    }
    return unavailable;
  }

  private static Optional<String> compileAndLoad() throws IOException, InterruptedException {
    TensorFlow.version(); // loads TF's natives, so the framework library shows in the process's maps
    Path framework = loadedFrameworkLibrary()
        .orElseThrow(() -> new IOException("libtensorflow_framework.so.2 not found among the loaded libraries"));
    byte[] source;
    try (InputStream in = NativeSparseOps.class.getResourceAsStream(SOURCE)) {
      source = in.readAllBytes();
    }
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "rigl-native-" + hash(source, framework));
    Path library = dir.resolve("librigl_sparse_ops.so");
    if (!Files.exists(library)) {
      Files.createDirectories(dir);
      // A name of this process's own: another process may be compiling into the same cache folder.
      Path c = Files.createTempFile(dir, "sparse_ops", ".c");
      Files.write(c, source);
      try {
        Path partial = Files.createTempFile(dir, "librigl_sparse_ops", ".so.partial");
        Path libDir = framework.getParent();
        List<String> command = List.of("gcc", "-O3", "-march=native", "-ffast-math", "-std=c11", "-shared", "-fPIC", "-pthread",
            "-o", partial.toString(), c.toString(), "-L" + libDir, "-l:" + framework.getFileName(),
            "-Wl,-rpath," + libDir);
        Process gcc;
        try {
          gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
          Files.deleteIfExists(partial);
          return Optional.of("gcc not found");
        }
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
          Files.deleteIfExists(partial);
          return Optional.of("gcc failed: " + log.strip());
        }
        Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(c);
      }
    }
    TensorFlow.loadLibrary(library.toString());
    return Optional.empty();
  }

  private static Optional<Path> loadedFrameworkLibrary() throws IOException {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.exists(maps)) {
      return Optional.empty();
    }
    return Files.readAllLines(maps).stream().map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .filter(p -> p.endsWith("/libtensorflow_framework.so.2")).findFirst().map(Path::of);
  }

  private static String hash(byte[] source, Path framework) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(source);
      sha.update(framework.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
