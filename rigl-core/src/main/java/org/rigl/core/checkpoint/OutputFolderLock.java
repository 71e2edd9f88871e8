package org.rigl.core.checkpoint;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer per output folder: an operating-system lock on {@code FOLDER/.rigl.lock}, held for a
 * whole run, so that two runs never interleave checkpoints and summaries in one folder. The lock
 * file records its holder (process id, host, start time) for the message a second run gets; the
 * system releases the lock when the holder exits, however it dies, so a killed run never leaves a
 * folder locked.
 *
 * <pre>{@code
 * try (OutputFolderLock lock = OutputFolderLock.acquire(outputDir)) {
 *   ... train, save checkpoints, write summaries ...
 * }
 * }</pre>
 */
public final class OutputFolderLock implements AutoCloseable {
  public static final String FILE_NAME = ".rigl.lock";

  private final Path folder;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputFolderLock(Path folder, FileChannel channel, FileLock lock) {
    this.folder = folder;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code folder} (created if needed) for this process.
   *
   * @throws IllegalStateException at once if another run, in this process or another, holds it;
   *     the message names the folder and the holder
   */
  public static OutputFolderLock acquire(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // Held by this very process.
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = holder(channel);
      channel.close();
      throw new IllegalStateException(
          "output folder " + folder + " is in use by another run (" + holder
              + "); wait for it to finish or choose another folder");
    }
    try {
      byte[] record = describeThisProcess().getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(record), 0);
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      lock.release();
      channel.close();
      throw e;
    }
    return new OutputFolderLock(folder, channel, lock);
  }

  public Path folder() {
    return folder;
  }

  /** Releases the lock; the file stays, naming its last holder. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer text = ByteBuffer.allocate(512);
    channel.read(text, 0);
    String recorded = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).strip();
    return recorded.isEmpty() ? "holder not yet recorded" : recorded.replace('\n', ' ');
  }

  private static String describeThisProcess() {
    ProcessHandle self = ProcessHandle.current();
    String started = self.info().startInstant().map(Instant::toString).orElse(Instant.now().toString());
    return "pid " + self.pid() + " on host " + hostName() + " since " + started + "\n";
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
