package org.rigl.core.checkpoint;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rigl.core.io.DurableFiles;

/**
 * The text-format {@code OUTPUT_DIR/checkpoint} state file of TF1's Saver: the latest prefix and
 * every kept prefix, relative to the directory as TF writes them when they share it.
 */
public record CheckpointState(String latest, List<String> all) {
  public static final String FILE_NAME = "checkpoint";
  private static final Pattern LINE = Pattern.compile("^(model_checkpoint_path|all_model_checkpoint_paths):\\s*\"(.*)\"\\s*$");

  /** Reads the state file of {@code dir}, if there is one. */
  public static Optional<CheckpointState> read(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    // Anything else under the name (a folder, a dangling link) would hide a run's checkpoints.
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": not a checkpoint state file (not a regular file)");
    }
    String latest = null;
    List<String> all = new ArrayList<>();
    int lineNumber = 0;
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new IOException(file + ": not a checkpoint state file (not UTF-8 text)", e);
    }
    for (String line : lines) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new IOException(file + ":" + lineNumber + ": not a checkpoint state line: " + line);
      }
      String value = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
      if (m.group(1).equals("model_checkpoint_path")) {
        latest = value;
      } else {
        all.add(value);
      }
    }
    if (latest == null) {
      throw new IOException(file + ": no model_checkpoint_path");
    }
    return Optional.of(new CheckpointState(latest, all));
  }

  /** Writes the state file atomically (a flushed temporary file of this writer's own, then a rename). */
  public void write(Path dir) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append("model_checkpoint_path: \"").append(escape(latest)).append("\"\n");
    for (String p : all) {
      text.append("all_model_checkpoint_paths: \"").append(escape(p)).append("\"\n");
    }
    DurableFiles.writeAtomically(dir.resolve(FILE_NAME), text.toString());
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
