package org.rigl.tools;

import org.rigl.core.io.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.rigl.tools.report.Charts;
import org.rigl.tools.report.EventFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rigl report OUTPUT_DIR...}: one chart per scalar tag across runs, from their event files. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Charts of every TensorBoard scalar across runs, as an HTML page.",
      "Plots every scalar that the given runs logged to TensorBoard (loss, drop_fraction, accuracy, sparsity ...)",
      "one chart per tag with one line per run, and writes them with an index page to --out (default: the",
      "first run's folder)/report. Also lists each run's eval_results.json when present."
    })
final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "OUTPUT_DIR", description = "Run folders holding events.out.tfevents.* files.")
  List<Path> runs;

  @Option(names = "--out", description = "Where the report goes (default: FIRST_RUN/report).")
  Path out;

  @Override
  public Integer call() throws IOException {
    Map<String, Map<String, List<double[]>>> byTag = new LinkedHashMap<>();
    StringBuilder evals = new StringBuilder();
    for (Path run : runs) {
      if (!Files.isDirectory(run)) {
        throw new IllegalArgumentException("run folder " + run + " does not exist");
      }
      Map<String, List<double[]>> scalars = EventFiles.scalars(run);
      if (scalars.isEmpty()) {
        throw new IllegalArgumentException("no TensorBoard scalars under " + run + " (no events.out.tfevents.* files)");
      }
      String name = run.toAbsolutePath().normalize().getFileName().toString();
      scalars.forEach((tag, points) -> byTag.computeIfAbsent(tag, t -> new LinkedHashMap<>()).put(name, points));
      Path results = run.resolve("eval_results.json");
      if (Files.isRegularFile(results)) {
        evals.append("<h3>").append(escape(name)).append("</h3><pre>").append(escape(Files.readString(results))).append("</pre>\n");
      }
    }
    Path dir = out != null ? out : runs.get(0).resolve("report");
    OutputDirs.prepare("--out", dir);
    StringBuilder body = new StringBuilder();
    for (String tag : new TreeSet<>(byTag.keySet())) {
      String file = tag.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
      Charts.lines(dir.resolve(file), tag, "step", tag, byTag.get(tag));
      body.append("<h2>").append(escape(tag)).append("</h2><img src=\"").append(file).append("\">\n");
    }
    String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>rigl-java report</title>"
        + "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}</style></head><body>"
        + "<h1>Runs: " + escape(String.join(", ", runs.stream().map(Path::toString).toList())) + "</h1>\n"
        + body + (evals.length() > 0 ? "<h2>Evaluation results</h2>\n" + evals : "") + "</body></html>\n";
    DurableFiles.writeAtomically(dir.resolve("report.html"), html);
    System.out.println("wrote " + dir.resolve("report.html") + " (" + byTag.size() + " charts)");
    return 0;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
