package org.rigl.imagenet.records;

import java.util.Optional;

/** What makes one record of a data set bad, beyond a damaged frame (which the reader detects). */
public interface RecordCheck extends AutoCloseable {
  /** Why {@code record} cannot be used, or empty if it can. */
  Optional<String> problem(byte[] record);

  @Override
  void close();
}
