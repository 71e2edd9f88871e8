package org.rigl.core.sparse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.rigl.core.io.DurableFiles;
import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The native op library (products {@code RiglSpmm}, {@code RiglSddmm}; the weight step's
 * {@code RiglGather}, {@code RiglSparseApply*}): its C sources ship as resources and
 * is compiled by gcc at first use into a cache folder named by a hash of the source, the
 * libtensorflow_framework.so.2 this process has loaded, the CPU and gcc's version (the library is built
 * with {@code -march=native}, so a cache on shared storage must never serve another CPU), then loaded with
 * {@link TensorFlow#loadLibrary}. Where that cannot be done (no gcc, not Linux) {@link #load} says
 * why and callers skip the route.
 */
public final class NativeSparseOps {
  /** The declarations they share, the products and the weight step's updates: one library. */
  private static final List<String> SOURCES = List.of("rigl_tf_kernel_api.h", "sparse_ops.c", "sparse_updates.c");
  private static Optional<String> unavailable;

  private NativeSparseOps() {}

  /** Empty once the ops are registered; otherwise why they are not. Compiles and loads once per process. */
  public static synchronized Optional<String> load() {
    if (unavailable == null) {
      try {
        unavailable = compileAndLoad();
      } catch (IOException | RuntimeException | LinkageError e) {
        unavailable = Optional.of("not built: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unavailable = Optional.of("not built: interrupted");
      }
    }
    return unavailable;
  }

  /**
   * {@code RiglSpmm}: S·D for S given by sorted COO {@code indices} [nnz, 2] and {@code values}, a result of
   * {@code rows} rows; with {@code adjoint}, Sᵀ·D. D has {@code denseRows} rows (checked; its gradient needs
   * the count). The kernel runs on {@code threads} threads of its own.
   */
  public static Operand<TFloat32> spmm(Ops tf, Operand<TInt64> indices, Operand<TFloat32> values,
      Operand<TFloat32> dense, long rows, long denseRows, boolean adjoint, int threads) {
    return build(tf, "RiglSpmm", indices, values, dense, threads).setAttr("rows", rows).setAttr("adjoint", adjoint)
        .setAttr("dense_rows", denseRows).build().output(0);
  }

  /** {@code RiglSddmm}: for each nonzero (r, c) the dot product of {@code left}'s row r and {@code right}'s row c. */
  public static Operand<TFloat32> sddmm(Ops tf, Operand<TInt64> indices, Operand<TFloat32> left,
      Operand<TFloat32> right, int threads) {
    return build(tf, "RiglSddmm", indices, left, right, threads).build().output(0);
  }

  private static OperationBuilder build(Ops tf, String type, Operand<?> a, Operand<?> b, Operand<?> c, int threads) {
    return tf.scope().opBuilder(type, type).addInput(a.asOutput()).addInput(b.asOutput()).addInput(c.asOutput())
        .setAttr("threads", (long) threads);
  }

  private static Optional<String> compileAndLoad() throws IOException, InterruptedException {
    TensorFlow.version(); // loads TF's natives, so the framework library shows in the process's maps
    Path framework = loadedFrameworkLibrary()
        .orElseThrow(() -> new IOException("libtensorflow_framework.so.2 not found among the loaded libraries"));
    List<byte[]> sources = new ArrayList<>();
    for (String name : SOURCES) {
      try (InputStream in = NativeSparseOps.class.getResourceAsStream(name)) {
        sources.add(in.readAllBytes());
      }
    }
    Optional<String> gccVersion = gccVersion();
    if (gccVersion.isEmpty()) {
      return Optional.of("gcc not found");
    }
    Path dir = Path.of(System.getProperty("java.io.tmpdir"),
        "rigl-native-" + hash(sources, framework.toString(), cpuIdentity(), gccVersion.get()));
    Path library = dir.resolve("librigl_sparse_ops.so");
    if (!Files.exists(library)) {
      Files.createDirectories(dir);
      // The sources are scratch input in a build folder of this process's own (another process may be
      // compiling into the same cache folder), deleted afterwards; only the library is kept, and it is
      // published through the one durable write path, so a crash never leaves a partial library to load.
      Path build = Files.createTempDirectory(dir, "build");
      try {
        List<String> cFiles = new ArrayList<>();
        for (int i = 0; i < SOURCES.size(); i++) {
          Path file = build.resolve(SOURCES.get(i));
          Files.write(file, sources.get(i));
          if (SOURCES.get(i).endsWith(".c")) {
            cFiles.add(file.toString());
          }
        }
        DurableFiles.replace(library, output -> compile(cFiles, framework, output));
      } finally {
        try (var files = Files.walk(build)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
    TensorFlow.loadLibrary(library.toString());
    return Optional.empty();
  }

  /** gcc builds the library from {@code cFiles} into {@code output}; its log is the error when it fails. */
  private static void compile(List<String> cFiles, Path framework, Path output) throws IOException {
    Path libDir = framework.getParent();
    List<String> command = new ArrayList<>(List.of("gcc", "-O3", "-march=native", "-ffast-math", "-std=c11",
        "-shared", "-fPIC", "-pthread", "-o", output.toString()));
    command.addAll(cFiles);
    command.addAll(List.of("-L" + libDir, "-l:" + framework.getFileName(), "-lm", "-Wl,-rpath," + libDir));
    Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
        gcc.destroyForcibly();
        throw new IOException("gcc failed: " + log.strip());
      }
    } catch (InterruptedException e) {
      gcc.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("gcc interrupted", e);
    }
  }

  private static Optional<Path> loadedFrameworkLibrary() throws IOException {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.exists(maps)) {
      return Optional.empty();
    }
    return Files.readAllLines(maps).stream().map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .filter(p -> p.endsWith("/libtensorflow_framework.so.2")).findFirst().map(Path::of);
  }

  /** gcc's full version, or empty where gcc cannot be run. */
  private static Optional<String> gccVersion() throws InterruptedException {
    try {
      Process gcc = new ProcessBuilder("gcc", "-dumpfullversion").redirectErrorStream(true).start();
      String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return gcc.waitFor(30, TimeUnit.SECONDS) && gcc.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The first "model name" and "flags" lines of /proc/cpuinfo: what -march=native compiles for. */
  private static String cpuIdentity() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.exists(cpuinfo)) {
      return "";
    }
    List<String> lines = Files.readAllLines(cpuinfo);
    return firstLine(lines, "model name") + "\n" + firstLine(lines, "flags");
  }

  private static String firstLine(List<String> lines, String key) {
    return lines.stream().filter(l -> l.startsWith(key)).findFirst().orElse("");
  }

  private static String hash(List<byte[]> sources, String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (byte[] source : sources) {
        sha.update(source);
        sha.update((byte) 0);
      }
      for (String part : parts) {
        sha.update((byte) 0);
        sha.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
