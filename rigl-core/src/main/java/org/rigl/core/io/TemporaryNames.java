package org.rigl.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Unique names for the temporary files of a save or any replaced file ({@code BASE.tmp-PID-START-N}, where TensorFlow may
 * add suffixes of its own), so that two writers never share one, and so that the files a killed
 * save left behind can be told from those of a save still running: their writer, known by process
 * id and start time, is gone.
 */
public final class TemporaryNames {
  private static final Pattern TEMPORARY = Pattern.compile(".*\\.tmp-(\\d+)-(\\d+)-\\d+(\\..*)?");
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final long PID = ProcessHandle.current().pid();
  private static final long START = startMillis(ProcessHandle.current());

  private TemporaryNames() {}

  /** A fresh temporary name for {@code base}, unique among this machine's processes. */
  public static String next(String base) {
    return base + ".tmp-" + PID + "-" + START + "-" + COUNTER.incrementAndGet();
  }

  /** Whether {@code fileName} is a name made by {@link #next}, or one derived from it. */
  public static boolean isTemporary(String fileName) {
    return TEMPORARY.matcher(fileName).matches();
  }

  /** Whether {@code fileName} is a temporary file whose writer process no longer runs. */
  public static boolean isStale(String fileName) {
    Matcher m = TEMPORARY.matcher(fileName);
    if (!m.matches()) {
      return false;
    }
    long pid = Long.parseLong(m.group(1));
    long start = Long.parseLong(m.group(2));
    Optional<ProcessHandle> writer = ProcessHandle.of(pid);
    // A reused process id belongs to a process started at another time.
    return writer.isEmpty() || !writer.get().isAlive() || (start != 0 && startMillis(writer.get()) != start);
  }

  /** Deletes the temporary files of dead writers in {@code folder}; returns the names deleted. */
  public static List<Path> deleteStale(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> stale;
    try (Stream<Path> entries = Files.list(folder)) {
      stale = entries.filter(p -> isStale(p.getFileName().toString()) && Files.isRegularFile(p)).sorted().toList();
    }
    for (Path p : stale) {
      Files.deleteIfExists(p);
    }
    return stale;
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
  }
}
