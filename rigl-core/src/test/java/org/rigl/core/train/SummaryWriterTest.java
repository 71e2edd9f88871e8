package org.rigl.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

@Tag("fast")
class SummaryWriterTest {

  /** Reads the Event records of a TFRecord file (framing: length, crc, data, crc). */
  static List<Event> events(Path file) throws IOException {
    List<Event> events = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
      byte[] header = new byte[12];
      while (in.read(header, 0, 1) == 1) {
        in.readFully(header, 1, 11);
        long length = ByteBuffer.wrap(header, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] data = new byte[(int) length];
        in.readFully(data);
        in.readFully(new byte[4]);
        events.add(Event.parseFrom(data));
      }
    }
    return events;
  }

  @Test
  void writesScalarsTensorBoardReads(@TempDir Path dir) throws IOException {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var step = GlobalStep.create(tf);
      SummaryWriter writer = new SummaryWriter(tf, dir, step).scalar("loss", tf.constant(0.25f))
          .histogram("weights", tf.constant(new float[] {1, 2, 3}));
      writer.open(s);
      s.run(writer.writeOp());
      s.run(tf.assignAdd(step, tf.constant(5L)));
      s.run(writer.writeOp());
      writer.flush(s);
    }
    Path file;
    try (Stream<Path> files = Files.list(dir)) {
      file = files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).findFirst().orElseThrow();
    }
    List<Event> events = events(file);
    assertTrue(events.get(0).hasFileVersion(), "first event is the file version");
    List<String> seen = new ArrayList<>();
    for (Event e : events) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        seen.add(e.getStep() + ":" + v.getTag());
        if (v.getTag().equals("loss")) {
          assertEquals(0.25f, v.getSimpleValue());
        }
      }
    }
    // Summaries of one step are written by parallel ops: compare without their order.
    java.util.Collections.sort(seen);
    assertEquals(List.of("0:loss", "0:weights", "5:loss", "5:weights"), seen);
  }
}
