package org.rigl.imagenet.mnist;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * mnist_train_eval.py's output lines: printed to the console and, all but the dense branch's header
 * (printed before the script opens the file), written to the run's log file
 * {@code save_path/<hyper_params_string>.txt}. The file is a log, written as training goes and
 * flushed after every line, so a run that fails still lists every evaluation it finished.
 */
final class RunLog implements Closeable {
  private final PrintStream console;
  private final Writer file;

  private RunLog(PrintStream console, Writer file) {
    this.console = console;
    this.file = file;
  }

  /** Creates (or empties, as the script's {@code open(..., 'w')}) {@code save_path/<hyper_params_string>.txt}. */
  static RunLog create(PrintStream console, Path savePath, MnistFlags flags) throws IOException {
    Path file = savePath.resolve(flags.hyperParamsString() + ".txt");
    return new RunLog(console, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }

  /** A line for the console only. */
  void consoleOnly(String line) {
    console.println(line);
  }

  /** A line for the console and the log file. */
  void line(String line) throws IOException {
    console.println(line);
    file.write(line);
    file.write('\n');
    file.flush();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
