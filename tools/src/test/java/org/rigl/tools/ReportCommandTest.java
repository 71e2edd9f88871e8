package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.SummaryWriter;
import org.rigl.tools.report.EventFiles;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

@Tag("fast")
class ReportCommandTest {

  private static void writeRun(Path dir, float scale) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var step = GlobalStep.create(tf);
      var loss = tf.math.mul(tf.constant(scale), tf.dtypes.cast(step, org.tensorflow.types.TFloat32.class));
      SummaryWriter w = new SummaryWriter(tf, dir, step).scalar("loss", loss).scalar("drop_fraction", tf.constant(0.3f));
      w.open(s);
      for (int i = 0; i < 3; i++) {
        s.run(w.writeOp());
        s.run(tf.assignAdd(step, tf.constant(10L)));
      }
      w.flush(s);
    }
  }

  @Test
  void plotsEveryTagAcrossRuns(@TempDir Path tmp) throws IOException {
    Path a = tmp.resolve("rigl");
    Path b = tmp.resolve("set");
    writeRun(a, 1f);
    writeRun(b, 2f);
    Files.writeString(a.resolve("eval_results.json"), "{\"top_1_accuracy\": 0.9}");

    Map<String, List<double[]>> scalars = EventFiles.scalars(b);
    assertEquals(List.of(0.0, 10.0, 20.0), scalars.get("loss").stream().map(p -> p[0]).toList());
    assertEquals(List.of(0.0, 20.0, 40.0), scalars.get("loss").stream().map(p -> p[1]).toList());

    CliRun run = CliRun.of("report", a.toString(), b.toString(), "--out=" + tmp.resolve("report"));
    assertEquals(0, run.exitCode(), run.err());
    String html = Files.readString(tmp.resolve("report/report.html"));
    assertTrue(html.contains("loss.png") && html.contains("drop_fraction.png") && html.contains("top_1_accuracy"), html);
    assertTrue(Files.size(tmp.resolve("report/loss.png")) > 1000);

    CliRun empty = CliRun.of("report", tmp.resolve("report").toString());
    assertEquals(2, empty.exitCode());
    assertTrue(empty.err().contains("no TensorBoard scalars"), empty.err());
  }
}
