package org.rigl.tools.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.rigl.core.io.TfRecordReader;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** Reads the scalar series of every TensorBoard event file under a run directory. */
public final class EventFiles {
  private EventFiles() {}

  /** tag → (step, value) points in step order, from every {@code events.out.tfevents.*} below {@code runDir}. */
  public static Map<String, List<double[]>> scalars(Path runDir) throws IOException {
    Map<String, TreeMap<Long, Double>> byTag = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(runDir)) {
      files = walk.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
    }
    for (Path file : files) {
      try (TfRecordReader reader = TfRecordReader.open(file)) {
        byte[] record;
        while ((record = reader.readRecord()) != null) {
          Event event = Event.parseFrom(record);
          for (Summary.Value v : event.getSummary().getValueList()) {
            Double value = scalarOf(v);
            if (value != null) {
              byTag.computeIfAbsent(v.getTag(), t -> new TreeMap<>()).put(event.getStep(), value);
            }
          }
        }
      }
    }
    Map<String, List<double[]>> out = new TreeMap<>();
    byTag.forEach((tag, points) -> {
      List<double[]> list = new ArrayList<>();
      points.forEach((step, value) -> list.add(new double[] {step, value}));
      out.put(tag, list);
    });
    return out;
  }

  /** A scalar summary's value: TF1 {@code simple_value} or a TF2 scalar tensor. */
  private static Double scalarOf(Summary.Value v) {
    if (v.hasSimpleValue() || v.getValueCase() == Summary.Value.ValueCase.SIMPLE_VALUE) {
      return (double) v.getSimpleValue();
    }
    if (v.hasTensor() && v.getTensor().getTensorShape().getDimCount() == 0) {
      var t = v.getTensor();
      if (t.getFloatValCount() == 1) {
        return (double) t.getFloatVal(0);
      }
      if (t.getDoubleValCount() == 1) {
        return t.getDoubleVal(0);
      }
    }
    return null;
  }
}
