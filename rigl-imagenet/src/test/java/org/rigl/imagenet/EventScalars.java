package org.rigl.imagenet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.rigl.core.io.TfRecordReader;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** The scalars of the TensorBoard event files directly in a folder. */
public final class EventScalars {
  private EventScalars() {}

  /** tag → step → value. */
  public static Map<String, Map<Long, Double>> read(Path dir) throws IOException {
    Map<String, Map<Long, Double>> scalars = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList()) {
        try (TfRecordReader reader = TfRecordReader.open(file)) {
          byte[] record;
          while ((record = reader.readRecord()) != null) {
            Event event = Event.parseFrom(record);
            for (Summary.Value v : event.getSummary().getValueList()) {
              double value = v.hasTensor() ? v.getTensor().getFloatVal(0) : v.getSimpleValue();
              scalars.computeIfAbsent(v.getTag(), t -> new TreeMap<>()).put(event.getStep(), value);
            }
          }
        }
      }
    }
    return scalars;
  }
}
