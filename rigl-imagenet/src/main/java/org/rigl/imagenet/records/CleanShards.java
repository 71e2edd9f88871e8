package org.rigl.imagenet.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rigl.core.io.TfRecordWriter;
import org.rigl.imagenet.data.SkippedRecords;

/**
 * {@code --skip_bad_records}: screens every shard before training and replaces each shard that has
 * bad records by a copy of its good records in a temporary directory (deleted when the JVM exits).
 * Exact and simple: in the graph, a corrupt frame would end the shard and an undecodable image
 * would stop the run, with no count of what was lost.
 *
 * <p>The screen decodes every image, so on full ImageNet it costs about one pass of JPEG decoding.
 */
public final class CleanShards {
  /** The shards to read (clean copies where needed) and what was left out. */
  public record Result(List<Path> files, SkippedRecords skipped, List<RecordProblem> problems) {}

  private CleanShards() {}

  public static Result screen(List<Path> files, RecordCheck check) {
    try {
      Path cleanDirectory = null;
      List<Path> usable = new ArrayList<>();
      List<RecordProblem> problems = new ArrayList<>();
      int damagedFiles = 0;
      for (Path file : files) {
        List<RecordProblem> fileProblems = ShardScan.scanFile(file, check, record -> {});
        if (fileProblems.isEmpty()) {
          usable.add(file);
          continue;
        }
        damagedFiles++;
        problems.addAll(fileProblems);
        if (cleanDirectory == null) {
          cleanDirectory = Files.createTempDirectory("rigl-clean-shards");
          cleanDirectory.toFile().deleteOnExit();
        }
        Path copy = cleanDirectory.resolve(file.getFileName());
        copy.toFile().deleteOnExit();
        try (TfRecordWriter writer = TfRecordWriter.create(copy)) {
          // A second pass over the (rare) damaged shard, so good shards are never held in memory.
          ShardScan.scanFile(file, check, writer::write);
        }
        usable.add(copy);
      }
      return new Result(usable, summary(problems, damagedFiles, files.size()), problems);
    } catch (IOException e) {
      throw new UncheckedIOException("--skip_bad_records: cannot write cleaned shards: " + e.getMessage(), e);
    }
  }

  private static SkippedRecords summary(List<RecordProblem> problems, int damagedFiles, int totalFiles) {
    if (problems.isEmpty()) {
      return SkippedRecords.none();
    }
    long truncated = problems.stream().filter(RecordProblem::endsFile).count();
    String text =
        "--skip_bad_records: skipped "
            + problems.size()
            + " bad records in "
            + damagedFiles
            + " of "
            + totalFiles
            + " shards"
            + (truncated > 0 ? " (" + truncated + " corrupt, each ending its shard)" : "")
            + "; first: "
            + problems.get(0).message();
    return new SkippedRecords(problems.size(), text);
  }
}
